import { EditorContent, useEditor } from "@tiptap/react";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import * as Y from "yjs";
import type { VersionState } from "../../../shared/api/history";
import { notesText } from "../../../shared/schema/agendaNotes";
import { readAgenda } from "../../../shared/schema/agendaSession";
import { DocumentLayout } from "../../../shared/schema/documentLayout";
import type { ApiFailure } from "../../api/request";
import { useErrorText } from "../../api/useErrorText";
import { Loading } from "../../layout/LoadStates";
import { formatDateTime } from "../../time/relativeTime";
import { useFormatLocale } from "../../time/useFormatLocale";
import { useExchangeView } from "../agenda/useExchangeView";
import { AgendaVersion } from "./AgendaVersion";
import type { HistoryApi } from "./historyApi";
import { versionExtensions } from "./staticEditor";

/** A version as it looked: its Yjs state in a Y.Doc of its own, in the document editor, read-only. */
export function VersionView({ api, versionId }: { api: HistoryApi; versionId: number }) {
  const { t } = useTranslation("history");
  const errorText = useErrorText();
  const [answer, setAnswer] = useState<VersionState | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  useEffect(() => {
    let current = true;
    setAnswer(null);
    setFailure(null);
    api.state(versionId).then(
      (state) => current && setAnswer(state),
      (error: ApiFailure) => current && setFailure(error),
    );
    return () => {
      current = false;
    };
  }, [api, versionId]);
  if (failure)
    return (
      <p className="history__error" role="alert">
        {errorText.failure(failure)}
      </p>
    );
  if (!answer) return <Loading label={t("loading")} />;
  return <VersionDocument state={answer} exchangeId={api.exchangeId} />;
}

function VersionDocument({ state, exchangeId }: { state: VersionState; exchangeId: string }) {
  const { t } = useTranslation("history");
  const locale = useFormatLocale();
  const doc = useMemo(() => {
    const doc = new Y.Doc();
    Y.applyUpdate(
      doc,
      Uint8Array.from(atob(state.state), (c) => c.charCodeAt(0)),
    );
    return doc;
  }, [state]);
  useEffect(() => () => doc.destroy(), [doc]);
  // An agenda's general notes show only when they hold something (as in the agenda itself).
  const notesShown = !state.agenda || doc.getXmlFragment(DocumentLayout.content).length > 0;
  const label = t("viewing", { time: formatDateTime(state.version.createdAt, locale) });
  const editor = useEditor(
    {
      extensions: versionExtensions(doc),
      editable: false,
      editorProps: {
        attributes: {
          role: "document",
          "aria-label": label,
          class: "collab-editor__content history-doc__content",
        },
      },
    },
    [doc],
  );
  return (
    <div className="history-view">
      <p className="history-view__note">{t("readOnly")}</p>
      {state.agenda ? <AgendaOf doc={doc} exchangeId={exchangeId} /> : null}
      {notesShown && state.agenda ? (
        <h3 className="history-side__title">{t("agenda.generalNotes")}</h3>
      ) : null}
      <div className="collab-editor collab-editor--read-only history-doc" hidden={!notesShown}>
        <div className="collab-editor__page">
          <EditorContent editor={editor} />
        </div>
      </div>
    </div>
  );
}

/**
 * An agenda version's days and sessions, with each session's notes as text, leads and linked
 * documents by name (from the exchange as it is now; kept on the device for offline reading).
 */
function AgendaOf({ doc, exchangeId }: { doc: Y.Doc; exchangeId: string }) {
  const { view } = useExchangeView(exchangeId);
  const people = useMemo(() => new Map((view?.participants ?? []).map((p) => [p.id, p.displayName])), [view]);
  const documents = useMemo(() => new Map((view?.documents ?? []).map((d) => [d.id, d.title])), [view]);
  const agenda = useMemo(() => readAgenda(doc), [doc]);
  const notes = useMemo(
    () => new Map([...agenda.notes].map(([id, fragment]) => [id, notesText(fragment)])),
    [agenda],
  );
  return (
    <AgendaVersion
      sessions={agenda.sessions}
      notes={notes}
      broken={agenda.broken.length}
      people={people}
      documents={documents}
    />
  );
}
