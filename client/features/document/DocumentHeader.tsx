import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AppLink } from "../../navigation/AppLink";
import { exchangePath } from "../../navigation/paths";
import { ArrowLeftIcon } from "../../ui/icons";
import "./documentHeader.css";

/**
 * The document's header in two rows: a bar (back to the exchange by its name; status, people and
 * language), then the title with its kind and badges, which has the page's whole width and wraps
 * rather than being cut, in every language and on a phone.
 */
export function DocumentHeader({
  exchange,
  heading,
  title,
  kind,
  badges,
  status,
  presence,
  language,
  actions,
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
  /** Document tools in the bar (History, who wrote what). */
  actions?: ReactNode;
}) {
  const { t } = useTranslation("document");
  const back = t("backToExchange", { title: exchange.title || t("exchangeFallback") });
  return (
    <header className="document-header">
      <div className="document-header__bar">
        <nav className="document-header__crumbs" aria-label={t("breadcrumb")}>
          <AppLink
            to={exchangePath(exchange.id)}
            className="document-header__back"
            title={back}
            aria-label={exchange.title ? undefined : back}
          >
            <ArrowLeftIcon className="document-header__back-icon" />
            {exchange.title ? <span className="document-header__exchange">{exchange.title}</span> : null}
          </AppLink>
        </nav>
        {actions ? <div className="document-header__tools">{actions}</div> : null}
        <div className="document-header__meta">
          {status}
          {presence}
          {language}
        </div>
      </div>
      <div className="document-header__main">
        <h1 className="visually-hidden">{heading}</h1>
        <div className="document-header__title">{title}</div>
        {kind || badges ? (
          <div className="document-header__tags">
            {kind ? <span className="document-header__kind">{kind}</span> : null}
            {badges}
          </div>
        ) : null}
      </div>
    </header>
  );
}
