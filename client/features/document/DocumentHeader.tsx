import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AppLink } from "../../navigation/AppLink";
import { exchangePath } from "../../navigation/paths";
import { ArrowLeftIcon } from "../../ui/icons";

/** The document's top bar: back to the exchange, title and kind, then status, presence and language. */
export function DocumentHeader({
  exchange,
  heading,
  title,
  kind,
  badges,
  status,
  presence,
  language,
}: {
  exchange: { id: string; title: string };
  /** The page's heading for assistive tech (the visible title may be an input). */
  heading: string;
  title: ReactNode;
  kind: string | null;
  badges: ReactNode;
  status: ReactNode;
  presence: ReactNode;
  language: ReactNode;
}) {
  const { t } = useTranslation("document");
  return (
    <header className="document-header">
      <nav className="document-header__crumbs" aria-label={t("breadcrumb")}>
        <AppLink
          to={exchangePath(exchange.id)}
          className="document-header__home"
          aria-label={t("backToExchange", { title: exchange.title || t("exchangeFallback") })}
          title={t("backToExchange", { title: exchange.title || t("exchangeFallback") })}
        >
          <ArrowLeftIcon />
        </AppLink>
        {exchange.title ? (
          <AppLink to={exchangePath(exchange.id)} className="document-header__exchange">
            {exchange.title}
          </AppLink>
        ) : null}
      </nav>
      <h1 className="visually-hidden">{heading}</h1>
      <div className="document-header__title">
        {title}
        {kind ? <span className="document-header__kind">{kind}</span> : null}
        {badges}
      </div>
      <div className="document-header__meta">
        {status}
        {presence}
        {language}
      </div>
    </header>
  );
}
