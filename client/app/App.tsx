import { StrictMode, useState } from "react";
import { I18nextProvider } from "react-i18next";
import { createI18n } from "../i18n/createI18n";
import { CrashBoundary } from "./CrashBoundary";
import { Routes } from "./Routes";

/** The app's providers around its routes. */
export function App() {
  // One i18n instance per app mount, created on first render (no module-level instance).
  const [i18n] = useState(createI18n);
  return (
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <CrashBoundary>
          <Routes />
        </CrashBoundary>
      </I18nextProvider>
    </StrictMode>
  );
}
