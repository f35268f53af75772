import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitcher } from "../i18n/LanguageSwitcher";
import { AppLink } from "../navigation/AppLink";
import { LogoMark } from "../ui/icons";
import "./layout.css";

/** The top bar of every page but the document: the brand (a link home), optional trail, language. */
export function AppBar({ trail }: { trail?: ReactNode }) {
  const { t } = useTranslation("common");
  return (
    <header className="app-bar">
      <div className="app-bar__inner">
        <nav className="app-bar__nav" aria-label={t("nav.label")}>
          <AppLink to="/" className="app-bar__brand">
            <span className="app-bar__logo" aria-hidden="true">
              <LogoMark />
            </span>
            {t("appName")}
          </AppLink>
          {trail ? (
            <>
              <span className="app-bar__separator" aria-hidden="true">
                /
              </span>
              <span className="app-bar__trail">{trail}</span>
            </>
          ) : null}
        </nav>
        <LanguageSwitcher />
      </div>
    </header>
  );
}

/** A page's main column. */
export function Page({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return <main className={wide ? "page page--wide" : "page"}>{children}</main>;
}
