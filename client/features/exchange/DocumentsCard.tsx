import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../shared/api/paths";
import type { ExchangeView } from "../../../shared/api/responses";
import { DOCUMENT_KINDS, type DocumentInfo } from "../../../shared/domain";
import { canOnDocument } from "../../../shared/permissions";
import { FormError } from "../../api/FormError";
import { type ApiFailure, apiRequest, asFailure } from "../../api/request";
import { useNow } from "../../i18n/useNow";
import { initialsOf } from "../../identity/userColor";
import { sortByText } from "../../membership/labels";
import { participantColor } from "../../membership/people";
import { AppLink } from "../../navigation/AppLink";
import { navigate } from "../../navigation/history";
import { documentPath } from "../../navigation/paths";
import { formatDateTime, formatRelativeTime } from "../../time/relativeTime";
import { useFormatLocale } from "../../time/useFormatLocale";
import { Avatar } from "../../ui/Avatar";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { CardEmpty } from "../../ui/CardEmpty";
import { DocumentIcon, PlusIcon } from "../../ui/icons";

// Downloaded when first opened (its template gallery too): the exchange's first screen does not wait for it.
const DocumentDialog = lazy(() =>
  import("./DocumentDialog").then((module) => ({ default: module.DocumentDialog })),
);

/** Documents by kind, who is in each now, and create/rename/archive/restore for those allowed. */
export function DocumentsCard({ view, reload }: { view: ExchangeView; reload: () => Promise<void> }) {
  const { t, i18n } = useTranslation(["exchange", "common"]);
  const [dialog, setDialog] = useState<
    { mode: "create" } | { mode: "rename"; document: DocumentInfo } | null
  >(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const role = view.me.role;
  const canCreate = DOCUMENT_KINDS.some((kind) => canOnDocument(role, kind, "document.create"));
  const active = view.documents.filter((d) => !d.archived);
  const archived = sortByText(
    view.documents.filter((d) => d.archived),
    (d) => d.title,
    i18n.language,
  );

  const setArchived = async (document: DocumentInfo, value: boolean) => {
    setFailure(null);
    try {
      await apiRequest("PATCH", api.document(view.exchange.id, document.id), { archived: value });
      await reload();
    } catch (error) {
      setFailure(asFailure(error));
    }
  };

  return (
    <Card
      title={t("exchange:documents.title")}
      titleId="documents-title"
      actions={
        canCreate ? (
          <Button variant="primary" icon={<PlusIcon />} onClick={() => setDialog({ mode: "create" })}>
            {t("exchange:documents.new")}
          </Button>
        ) : null
      }
    >
      <FormError failure={failure} />
      {active.length === 0 ? (
        <CardEmpty icon={<DocumentIcon />} title={t("exchange:documents.emptyTitle")}>
          {canCreate ? t("exchange:documents.emptyBody") : t("exchange:documents.emptyBodyReader")}
        </CardEmpty>
      ) : (
        DOCUMENT_KINDS.map((kind) => {
          const documents = sortByText(
            active.filter((d) => d.kind === kind),
            (d) => d.title,
            i18n.language,
          );
          if (documents.length === 0) return null;
          return (
            <section key={kind} className="documents__group" aria-labelledby={`kind-${kind}`}>
              <h3 id={`kind-${kind}`} className="documents__kind">
                {t(`common:kindPlural.${kind}`)}
              </h3>
              <ul className="documents__list">
                {documents.map((document) => (
                  <DocumentRow
                    key={document.id}
                    view={view}
                    document={document}
                    onRename={() => setDialog({ mode: "rename", document })}
                    onArchive={() => void setArchived(document, true)}
                  />
                ))}
              </ul>
            </section>
          );
        })
      )}
      {archived.length > 0 ? (
        <details className="documents__archived">
          <summary>{t("exchange:documents.archived", { count: archived.length })}</summary>
          <ul className="documents__list">
            {archived.map((document) => (
              <DocumentRow
                key={document.id}
                view={view}
                document={document}
                onRestore={() => void setArchived(document, false)}
              />
            ))}
          </ul>
        </details>
      ) : null}
      {dialog ? (
        <Suspense fallback={null}>
          <DocumentDialog
            exchangeId={view.exchange.id}
            role={role}
            document={dialog.mode === "rename" ? dialog.document : null}
            onClose={() => setDialog(null)}
            onDone={async (saved) => {
              setDialog(null);
              // A new document opens at once: writing in it is what comes next.
              if (dialog.mode === "create") {
                navigate(documentPath({ exchangeId: view.exchange.id, documentId: saved.id }));
                return;
              }
              await reload();
            }}
          />
        </Suspense>
      ) : null}
    </Card>
  );
}

function DocumentRow({
  view,
  document,
  onRename,
  onArchive,
  onRestore,
}: {
  view: ExchangeView;
  document: DocumentInfo;
  onRename?: () => void;
  onArchive?: () => void;
  onRestore?: () => void;
}) {
  const { t, i18n } = useTranslation(["exchange", "common"]);
  const now = useNow();
  const dateLocale = useFormatLocale();
  const role = view.me.role;
  const here = new Set(view.presence.filter((p) => p.documentId === document.id).map((p) => p.participantId));
  const people = view.participants.filter((p) => here.has(p.id));
  const names = new Intl.ListFormat(i18n.language, { type: "conjunction" }).format(
    people.map((p) => p.displayName),
  );
  const canRename = !document.archived && canOnDocument(role, document.kind, "document.rename");
  const canArchive = canOnDocument(role, document.kind, "document.archive");
  return (
    <li className="documents__row">
      <span className="documents__icon">
        <DocumentIcon />
      </span>
      <div className="documents__text">
        <AppLink
          to={documentPath({ exchangeId: view.exchange.id, documentId: document.id })}
          className="documents__link"
        >
          {document.title}
        </AppLink>
        <span className="documents__meta">
          {document.archived ? `${t(`common:kind.${document.kind}`)} · ` : ""}
          <time
            dateTime={new Date(document.updatedAt).toISOString()}
            title={formatDateTime(document.updatedAt, dateLocale)}
          >
            {t("exchange:documents.updated", {
              when: formatRelativeTime(document.updatedAt, now, dateLocale),
            })}
          </time>
        </span>
      </div>
      {people.length > 0 ? (
        <span className="documents__here" title={names}>
          <span className="documents__avatars" aria-hidden="true">
            {people.slice(0, 3).map((p) => (
              <Avatar
                key={p.id}
                initials={initialsOf(p.displayName)}
                color={participantColor(view, p)}
                title={p.displayName}
              />
            ))}
          </span>
          <span className="visually-hidden">
            {t("exchange:documents.here", { names, count: people.length })}
          </span>
          <span className="documents__here-count" aria-hidden="true">
            {t("exchange:documents.hereShort", { count: people.length })}
          </span>
        </span>
      ) : null}
      <span className="documents__actions">
        {onRename && canRename ? (
          <Button
            variant="ghost"
            onClick={onRename}
            aria-label={t("exchange:documents.renameOne", { title: document.title })}
          >
            {t("exchange:documents.rename")}
          </Button>
        ) : null}
        {onArchive && canArchive ? (
          <Button
            variant="ghost"
            onClick={onArchive}
            aria-label={t("exchange:documents.archiveOne", { title: document.title })}
          >
            {t("exchange:documents.archive")}
          </Button>
        ) : null}
        {onRestore && canArchive ? (
          <Button
            variant="ghost"
            onClick={onRestore}
            aria-label={t("exchange:documents.restoreOne", { title: document.title })}
          >
            {t("exchange:documents.restore")}
          </Button>
        ) : null}
      </span>
    </li>
  );
}
