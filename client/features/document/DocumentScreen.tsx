import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { canOnDocument, roomAccess } from "../../../shared/permissions";
import { type PresenceUser, presenceUserOf } from "../../../shared/protocol/presenceUser";
import type { RoomAddress } from "../../../shared/protocol/roomName";
import { LanguageSwitcher } from "../../i18n/LanguageSwitcher";
import { LoadFailure, Loading } from "../../layout/LoadStates";
import { useArrivalFocus } from "../../layout/useArrivalFocus";
import { useParticipantLanguage } from "../../membership/useParticipantLanguage";
import { type CollabSession, useCollabDocument } from "../../sync/useCollabDocument";
import { ClosedState } from "./ClosedState";
import { ConnectionStatus } from "./ConnectionStatus";
import { DocumentHeader } from "./DocumentHeader";
import { PresenceList } from "./PresenceList";
import { RefusedNotice } from "./RefusedNotice";
import { TitleEditor } from "./TitleEditor";
import { type DocumentContext, useDocumentContext } from "./useDocumentContext";
import { ViewOnlyBadge } from "./ViewOnlyBadge";
import "./document.css";

// Its own chunk (Tiptap, ProseMirror): the app starts downloading it when the route matches, beside
// this screen, so the socket below opens while the editor is still on its way.
const CollaborativeEditor = lazy(() =>
  import("../../editor/CollaborativeEditor").then((module) => ({ default: module.CollaborativeEditor })),
);
// Version history (timeline, versions, changes, replay), downloaded when someone opens it.
const HistoryPanel = lazy(() => import("../history/HistoryPanel"));
// An agenda's own screen (sessions, time zones, .ics), downloaded only when an agenda is opened.
const AgendaView = lazy(() => import("../agenda/AgendaView"));
// A facilitated run (phases, timer, drafts, votes, actions), downloaded only for documents made from a template.
const RunPanel = lazy(() => import("../run/RunPanel"));

/** A live document: its record from the directory, then its room. */
export function DocumentScreen({ room }: { room: RoomAddress }) {
  const { t } = useTranslation("document");
  const [context, reload] = useDocumentContext(room);
  const known = context.state === "ready" ? context.context : null;
  useParticipantLanguage(room.exchangeId, known?.me.uiLanguage ?? null);
  // Before the directory answers (offline on a new device) this device shows as nobody.
  const user = presenceUserOf(known?.me ?? { id: "", displayName: "" }, known?.myDelegation ?? null);
  // Opened at once, beside the directory request: the socket's handshake and first sync do not wait
  // for it (on a 300 ms link that was a whole round trip more before the text showed).
  const session = useCollabDocument(room, user);
  if (context.state === "loading") {
    return (
      <main className="document-screen">
        <Loading label={t("loading")} />
      </main>
    );
  }
  if (context.state === "failed") {
    return (
      <main className="document-screen">
        <LoadFailure failure={context.failure} onRetry={reload} />
      </main>
    );
  }
  return (
    <OpenDocument
      key={`${room.exchangeId}/${room.documentId}`}
      room={room}
      context={known}
      session={session}
      user={user}
      onAccessChange={reload}
    />
  );
}

function OpenDocument({
  room,
  context,
  session,
  user,
  onAccessChange,
}: {
  room: RoomAddress;
  context: DocumentContext | null;
  session: CollabSession | null;
  user: PresenceUser;
  onAccessChange: () => Promise<void>;
}) {
  const { t } = useTranslation("document");
  return (
    <main className="document-screen" aria-busy={!session?.ready}>
      {session ? (
        <LoadedDocument
          room={room}
          session={session}
          context={context}
          user={user}
          onAccessChange={onAccessChange}
        />
      ) : (
        <Loading label={t("loading")} />
      )}
    </main>
  );
}

function LoadedDocument({
  room,
  session,
  context,
  user,
  onAccessChange,
}: {
  room: RoomAddress;
  session: CollabSession;
  context: DocumentContext | null;
  user: PresenceUser;
  onAccessChange: () => Promise<void>;
}) {
  const { t } = useTranslation(["document", "common"]);
  const [title, setTitle] = useState(context?.document.title ?? "");
  const document_ = context?.document ?? null;
  useEffect(() => {
    if (document_) setTitle(document_.title);
  }, [document_]);

  useEffect(() => {
    document.title = t("document:pageTitle", { title: title || t("document:untitled") });
  }, [t, title]);

  // The server's access message is the truth; until it arrives, the directory's answer stands in.
  const expected = context
    ? roomAccess(context.me.role, context.document.kind, context.document.archived)
    : null;
  const access = session.access ?? expected ?? "read";
  const { access: liveAccess } = session;
  useEffect(() => {
    // A new access (role changed, document archived) also changes the reason shown: refresh the record.
    if (liveAccess !== null) void onAccessChange();
  }, [liveAccess, onAccessChange]);

  const readOnlyReason =
    access === "write"
      ? null
      : context?.document.archived
        ? "archived"
        : context?.me.role === "observer"
          ? "observer"
          : "other";
  const canRename =
    access === "write" &&
    context !== null &&
    canOnDocument(context.me.role, context.document.kind, "document.rename");

  // Opening a document (a new one too), the reader writes next: the editor takes focus once it is there.
  // Not on a touch screen, where focus raises the on-screen keyboard over the text the reader came to see.
  useArrivalFocus(
    () => document.querySelector<HTMLElement>('.collab-editor__content[contenteditable="true"]'),
    access === "write" && !window.matchMedia("(pointer: coarse)").matches,
  );

  const [historyOpen, setHistoryOpen] = useState(false);
  const historyButton = useRef<HTMLButtonElement>(null);
  const closeHistory = useCallback(() => {
    setHistoryOpen(false);
    historyButton.current?.focus();
  }, []);
  const whoWrote = useWhoWroteWhat(room, session.doc);
  const { status } = session;
  // A run's lock on the whole document (told by the run panel): only facilitators edit; the server refuses the others.
  const [lockedForMe, setLockedForMe] = useState(false);
  const role = context?.me.role ?? null;
  const kind = context?.document.kind ?? null;
  const canReadHistory = role !== null && kind !== null && canOnDocument(role, kind, "history.read");
  return (
    <>
      {historyOpen && context ? (
        <Suspense fallback={<Loading label={t("document:loading")} />}>
          <HistoryPanel
            room={room}
            canName={
              access === "write" && canOnDocument(context.me.role, context.document.kind, "version.name")
            }
            canRestore={
              access === "write" && canOnDocument(context.me.role, context.document.kind, "version.restore")
            }
            onClose={closeHistory}
          />
        </Suspense>
      ) : null}
      <DocumentHeader
        exchange={context?.exchange ?? { id: room.exchangeId, title: "" }}
        heading={title || t("document:untitled")}
        title={
          <TitleEditor
            room={room}
            title={title}
            editable={canRename}
            onRenamed={(next) => {
              setTitle(next);
              void onAccessChange();
            }}
          />
        }
        kind={context ? t(`common:kind.${context.document.kind}`) : null}
        badges={readOnlyReason ? <ViewOnlyBadge reason={readOnlyReason} /> : null}
        status={<ConnectionStatus status={status} refused={session.refused} />}
        presence={<PresenceList awareness={session.awareness} />}
        language={<LanguageSwitcher />}
        actions={
          canReadHistory ? (
            <>
              {kind !== "agenda" && session.ready ? (
                <button
                  type="button"
                  className="document-header__tool"
                  aria-pressed={whoWrote.on}
                  title={
                    whoWrote.failed
                      ? t("document:history.whoWroteFailed")
                      : t("document:history.whoWroteLegend")
                  }
                  onClick={() => whoWrote.toggle()}
                >
                  {t("document:history.whoWrote")}
                </button>
              ) : null}
              <button
                type="button"
                ref={historyButton}
                className="document-header__tool"
                aria-label={t("document:history.openLabel")}
                aria-expanded={historyOpen}
                onClick={() => setHistoryOpen(true)}
              >
                {t("document:history.open")}
              </button>
            </>
          ) : null
        }
      />
      <RefusedNotice count={session.refusals} reason={session.refusalReason} />
      {context?.document.templateId && session.ready && status.kind !== "error" ? (
        <Suspense fallback={null}>
          <RunPanel
            room={room}
            doc={session.doc}
            document={context.document}
            me={context.me}
            user={user}
            writable={access === "write"}
            onDocumentLock={setLockedForMe}
          />
        </Suspense>
      ) : null}
      {status.kind === "error" ? (
        <ClosedState code={status.code} reason={status.reason} exchangeId={room.exchangeId} />
      ) : session.ready ? (
        <Suspense fallback={<Loading label={t("document:loading")} />}>
          {context?.document.kind === "agenda" ? (
            <AgendaView
              doc={session.doc}
              provider={session.provider}
              user={user}
              editable={access === "write"}
              room={room}
              title={title}
              onRefusedEdit={session.discardLocal}
            />
          ) : (
            <CollaborativeEditor
              doc={session.doc}
              provider={session.provider}
              user={user}
              editable={access === "write" && !lockedForMe}
              onRefusedEdit={session.discardLocal}
            />
          )}
        </Suspense>
      ) : (
        <Loading label={t("document:loading")} />
      )}
    </>
  );
}

/**
 * The live "who wrote what" tint: its code and the server's map of client ids to authors are
 * downloaded on first use (client/features/history/whoWroteLive), never with the editor.
 */
function useWhoWroteWhat(room: RoomAddress, doc: CollabSession["doc"]) {
  const { t, i18n } = useTranslation("history");
  const [on, setOn] = useState(false);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!on) return;
    let stop: (() => void) | null = null;
    let cancelled = false;
    setFailed(false);
    import("../history/whoWroteLive")
      .then((module) => module.startWhoWroteWhat(room, doc, t, i18n))
      .then(
        (stopIt) => {
          if (cancelled) stopIt();
          else stop = stopIt;
        },
        () => {
          if (cancelled) return;
          setFailed(true);
          setOn(false);
        },
      );
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [on, room, doc, t, i18n]);
  return { on, failed, toggle: () => setOn((value) => !value) };
}
