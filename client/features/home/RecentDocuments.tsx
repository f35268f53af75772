import type { MouseEvent } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatRelativeTime } from "../../i18n/relativeTime";
import { useNow } from "../../i18n/useNow";
import { AppLink } from "../../navigation/AppLink";
import { documentPath } from "../../navigation/paths";
import type { RecentDocument } from "../../recent/recentDocuments";
import { DocumentIcon } from "../../ui/icons";

/**
 * Documents opened on this device, newest first. `onOpen` may veto opening (e.g. no name yet).
 */
export function RecentDocuments({
  documents,
  onOpen,
}: {
  documents: RecentDocument[];
  onOpen: (event: MouseEvent<HTMLAnchorElement>) => void;
}) {
  const { t, i18n } = useTranslation("home");
  const now = useNow();
  return (
    <section className="home-card recent" aria-labelledby="recent-title">
      <div className="recent__header">
        <h2 id="recent-title" className="home-card__title">
          {t("recent.title")}
        </h2>
        {documents.length > 0 ? (
          <span className="recent__count">{t("recent.count", { count: documents.length })}</span>
        ) : null}
      </div>
      {documents.length === 0 ? (
        <div className="recent__empty">
          <span className="recent__empty-icon">
            <DocumentIcon />
          </span>
          <p className="recent__empty-title">{t("recent.emptyTitle")}</p>
          <p className="recent__empty-body">{t("recent.emptyBody")}</p>
        </div>
      ) : (
        <ul className="recent__list">
          {documents.map((entry) => (
            <li key={`${entry.exchangeId}/${entry.documentId}`}>
              <AppLink to={documentPath(entry)} className="recent__link" onClick={onOpen}>
                <span className="recent__icon">
                  <DocumentIcon />
                </span>
                <span className="recent__name">{entry.title.trim() || t("recent.untitled")}</span>
                <time
                  className="recent__time"
                  dateTime={new Date(entry.openedAt).toISOString()}
                  title={formatDateTime(entry.openedAt, i18n.language)}
                >
                  {formatRelativeTime(entry.openedAt, now, i18n.language)}
                </time>
              </AppLink>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
