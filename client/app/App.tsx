import type { i18n } from "i18next";
import { StrictMode } from "react";
import { I18nextProvider } from "react-i18next";
import { LanguageProvider } from "../i18n/LanguageProvider";
import { CrashBoundary } from "./CrashBoundary";
import { Routes } from "./Routes";

/** The app's providers around its routes; `i18n` already holds the reader's language (main.tsx). */
export function App({ i18n }: { i18n: i18n }) {
  return (
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <LanguageProvider>
          <CrashBoundary>
            <Routes />
          </CrashBoundary>
        </LanguageProvider>
      </I18nextProvider>
    </StrictMode>
  );
}
