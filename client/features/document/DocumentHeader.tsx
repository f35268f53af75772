import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AppLink } from "../../navigation/AppLink";
import { ArrowLeftIcon } from "../../ui/icons";

/** The document's top bar: back home, title, then status, presence and language on the right. */
export function DocumentHeader({
  heading,
  title,
  status,
  presence,
  language,
}: {
  /** The page's heading for assistive tech (the visible title is an input). */
  heading: string;
  title: ReactNode;
  status: ReactNode;
  presence: ReactNode;
  language: ReactNode;
}) {
  const { t } = useTranslation("document");
  return (
    <header className="document-header">
      <AppLink to="/" className="document-header__home" aria-label={t("backHome")} title={t("backHome")}>
        <ArrowLeftIcon />
      </AppLink>
      <h1 className="visually-hidden">{heading}</h1>
      <div className="document-header__title">{title}</div>
      <div className="document-header__meta">
        {status}
        {presence}
        {language}
      </div>
    </header>
  );
}
