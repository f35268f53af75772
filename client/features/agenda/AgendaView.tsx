import { type KeyboardEvent, lazy, Suspense, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { api } from "../../../shared/api/paths";
import { DELEGATION_COLORS } from "../../../shared/domain";
import { newId } from "../../../shared/protocol/ids";
import type { PresenceUser } from "../../../shared/protocol/presenceUser";
import type { RoomAddress } from "../../../shared/protocol/roomName";
import {
  type AgendaDay as Day,
  findOverlaps,
  groupByDay,
  readWorkingHours,
} from "../../../shared/schema/agendaChecks";
import {
  addSession,
  deleteSession,
  duplicateSession,
  moveDay,
  moveSession,
  setWorkingHours,
  updateSession,
} from "../../../shared/schema/agendaEdit";
import type { AgendaSession, SessionFields } from "../../../shared/schema/agendaLayout";
import { notesText } from "../../../shared/schema/agendaNotes";
import { addDays, dayOf, instantToWall } from "../../../shared/schema/agendaTime";
import { DocumentLayout } from "../../../shared/schema/documentLayout";
import { Loading } from "../../layout/LoadStates";
import { browserTimeZone } from "../../time/timeZones";
import { useFormatLocale } from "../../time/useFormatLocale";
import { zoneName } from "../../time/zoneNames";
import { Button } from "../../ui/Button";
import { PlusIcon } from "../../ui/icons";
import { AgendaDay } from "./AgendaDay";
import { AgendaPrint } from "./AgendaPrint";
import type { AgendaDelegation, AgendaEnv } from "./agendaEnv";
import { useAgendaStrings } from "./agendaStrings";
import { installAgendaStyles } from "./agendaStyles";
import { BrokenSessions } from "./BrokenSessions";
import { LinkButton } from "./LinkButton";
import { SessionEditor } from "./SessionEditor";
import type { SessionActions } from "./SessionRow";
import { changedFields, formFromSession, newForm, type SessionForm } from "./sessionForm";
import { UndoButtons } from "./UndoButtons";
import { useAgenda } from "./useAgenda";
import { useAgendaUndo } from "./useAgendaUndo";
import { useExchangeView } from "./useExchangeView";
import { WorkingHoursDialog } from "./WorkingHoursDialog";

const CollaborativeEditor = lazy(() =>
  import("../../editor/CollaborativeEditor").then((module) => ({ default: module.CollaborativeEditor })),
);

type Editing = { kind: "new"; form: SessionForm } | { kind: "edit"; session: AgendaSession } | null;

const newSessionId = () => newId((bytes) => crypto.getRandomValues(bytes));

/**
 * The agenda document: its days in the exchange's home zone, each session on every delegation's
 * clock, warnings, and the agenda's general notes (rich text; where agendas made before the
 * structured agenda keep their text).
 */
installAgendaStyles();

type AgendaProps = Omit<Parameters<typeof AgendaView>[0], "exchange">;

/**
 * Waits for the agenda's strings (a small chunk of their own) before showing it; the exchange (home
 * zone, delegations) is asked for at the same time, not after them: on a slow link each wait is a
 * round trip.
 */
export default function AgendaViewLoader(props: AgendaProps) {
  const ready = useAgendaStrings();
  const exchange = useExchangeView(props.room.exchangeId);
  const { t } = useTranslation("document");
  if (!ready) return <Loading label={t("loading")} />;
  return <AgendaView {...props} exchange={exchange} />;
}

function AgendaView({
  doc,
  provider,
  user,
  editable,
  room,
  title,
  onRefusedEdit,
  exchange,
}: {
  exchange: ReturnType<typeof useExchangeView>;
  doc: Y.Doc;
  provider: { awareness: unknown };
  user: PresenceUser;
  editable: boolean;
  room: RoomAddress;
  title: string;
  onRefusedEdit?: () => void;
}) {
  const { t } = useTranslation("agenda");
  const locale = useFormatLocale();
  const { view, failed, retry } = exchange;
  const { agenda, version } = useAgenda(doc);
  const undo = useAgendaUndo(doc);
  const [editing, setEditing] = useState<Editing>(null);
  const [hoursOpen, setHoursOpen] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const readerZone = useMemo(() => browserTimeZone(), []);
  const hasNotes = useHasNotes(doc);

  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the signal that the doc changed
  const env = useMemo<AgendaEnv>(() => {
    const delegations: AgendaDelegation[] = (view?.delegations ?? []).map((d) => ({
      id: d.id,
      name: d.name,
      color: DELEGATION_COLORS[d.color] ?? DELEGATION_COLORS.slate,
      timeZone: d.timeZone,
      workingLanguage: d.workingLanguage,
      hours: readWorkingHours(doc, d.id),
    }));
    return {
      doc,
      origin: undo.origin,
      editable,
      locale,
      homeZone: view?.exchange.timeZone ?? readerZone,
      readerZone,
      delegations,
      participants: new Map((view?.participants ?? []).map((p) => [p.id, p])),
      documents: (view?.documents ?? []).filter((d) => d.id !== room.documentId && !d.archived),
      exchangeId: room.exchangeId,
      documentId: room.documentId,
    };
  }, [doc, undo.origin, editable, locale, view, readerZone, room, version]);

  const days = useMemo(() => groupByDay(agenda.sessions, env.homeZone), [agenda, env.homeZone]);
  const overlaps = useMemo(() => {
    const titles = new Map(agenda.sessions.map((s) => [s.id, s.title]));
    const result = new Map<string, string[]>();
    for (const [id, others] of findOverlaps(agenda.sessions))
      result.set(
        id,
        others.map((other) => titles.get(other) ?? ""),
      );
    return result;
  }, [agenda]);
  const notes = useMemo(() => {
    const result = new Map<string, string>();
    for (const [id, fragment] of agenda.notes) {
      const text = notesText(fragment);
      if (text) result.set(id, text);
    }
    return result;
  }, [agenda]);

  useEffect(() => {
    document.documentElement.classList.toggle("agenda-printing", printing);
    return () => document.documentElement.classList.remove("agenda-printing");
  }, [printing]);

  const { origin } = undo;
  const actions: SessionActions = {
    edit: (session) => setEditing({ kind: "edit", session }),
    duplicate: (session) => {
      duplicateSession(doc, session, newSessionId(), origin);
      setAnnouncement(t("announce.duplicated", { title: session.title }));
    },
    remove: (session) => {
      deleteSession(doc, session.id, origin);
      setAnnouncement(t("announce.deleted", { title: session.title }));
    },
    move: (session, step) => {
      const day = days.find((d) => d.sessions.some((s) => s.id === session.id));
      if (!day) return;
      const index = day.sessions.findIndex((s) => s.id === session.id);
      const target = index + step;
      if (target < 0 || target >= day.sessions.length) return;
      moveSession(doc, day.sessions, session.id, target, origin);
      setAnnouncement(
        t("announce.moved", { title: session.title, position: target + 1, total: day.sessions.length }),
      );
      refocus(session.id);
    },
    drop: (draggedId, onto) => {
      const day = days.find((d) => d.sessions.some((s) => s.id === onto.id));
      if (!day?.sessions.some((s) => s.id === draggedId)) return;
      const target = day.sessions.findIndex((s) => s.id === onto.id);
      moveSession(doc, day.sessions, draggedId, target, origin);
      const moved = day.sessions.find((s) => s.id === draggedId);
      setAnnouncement(
        t("announce.moved", { title: moved?.title ?? "", position: target + 1, total: day.sessions.length }),
      );
    },
  };
  const onMoveDay = (day: Day, step: -1 | 1) => {
    moveDay(doc, day.sessions, step, origin);
    setAnnouncement(t("announce.dayMoved", { date: addDays(day.date, step) }));
  };
  const startAt = (date: string): SessionForm => {
    const last = agenda.sessions.filter((s) => dayOf(s.start, env.homeZone) === date).at(-1);
    const zone = last?.zone ?? env.homeZone;
    return newForm(date, last ? instantToWall(last.end, zone).minutes : 9 * 60, zone);
  };
  const addNew = () => {
    const last = days.at(-1);
    const date = last ? last.date : dayOf(Date.now(), env.homeZone);
    setEditing({ kind: "new", form: startAt(date) });
  };
  const save = (fields: SessionFields, opened: SessionFields | null) => {
    if (editing?.kind === "edit") {
      // Only what this person changed: someone else's edit of another field meanwhile stays.
      updateSession(doc, editing.session.id, opened ? changedFields(opened, fields) : fields, origin);
      setAnnouncement(t("announce.saved", { title: fields.title }));
    } else {
      addSession(doc, newSessionId(), fields, origin);
      setAnnouncement(t("announce.added", { title: fields.title }));
    }
    setEditing(null);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!editable || !(event.ctrlKey || event.metaKey) || event.altKey) return;
    const target = event.target as HTMLElement;
    // Text fields and the notes editors have their own undo.
    if (target.closest("input, textarea, select, [contenteditable='true']")) return;
    const key = event.key.toLowerCase();
    if (key === "z" && !event.shiftKey) {
      event.preventDefault();
      undo.undo();
    } else if (key === "y" || (key === "z" && event.shiftKey)) {
      event.preventDefault();
      undo.redo();
    }
  };

  if (!view && !failed) return <Loading label={t("loading")} />;

  if (printing)
    return (
      <AgendaPrint
        title={title}
        days={days}
        notes={notes}
        overlaps={overlaps}
        env={env}
        onBack={() => setPrinting(false)}
      />
    );

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: undo shortcuts for everything inside
    <div className="agenda" onKeyDown={onKeyDown}>
      <div className="agenda__toolbar">
        {editable ? (
          <Button variant="primary" icon={<PlusIcon />} onClick={addNew}>
            {t("addSession")}
          </Button>
        ) : null}
        <Button onClick={() => setHoursOpen(true)} disabled={env.delegations.length === 0}>
          {t("hours.open")}
        </Button>
        <Button onClick={() => setPrinting(true)}>{t("print.open")}</Button>
        <a
          className="button button--secondary"
          href={api.agendaCalendar(room.exchangeId, room.documentId)}
          download
        >
          <span className="button__label">{t("downloadAll")}</span>
        </a>
        {/* Shown once this person has an agenda change to take back (last, so nothing moves). */}
        {editable && (undo.canUndo || undo.canRedo) ? <UndoButtons undo={undo} /> : null}
      </div>
      <p className="agenda__zone-note">
        {t("homeZoneNote", { zone: zoneName(env.homeZone, locale) })}
        {failed ? (
          <>
            {" "}
            {t("exchangeUnavailable")} <LinkButton onClick={retry}>{t("retry")}</LinkButton>
          </>
        ) : null}
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {/* Read-only readers of an agenda without notes get no empty box. */}
      {editable || hasNotes ? (
        <section className="agenda__notes" aria-labelledby="agenda-notes-heading">
          <h2 id="agenda-notes-heading" className="agenda__notes-title">
            {t("generalNotes")}
          </h2>
          <Suspense fallback={<Loading label={t("loadingNotes")} />}>
            <CollaborativeEditor
              doc={doc}
              provider={provider}
              user={user}
              editable={editable}
              onRefusedEdit={onRefusedEdit}
            />
          </Suspense>
        </section>
      ) : null}
      <BrokenSessions broken={agenda.broken} doc={doc} editable={editable} origin={origin} />
      {days.length === 0 ? (
        <div className="agenda__empty">
          <p>{editable ? t("empty.editable") : t("empty.readOnly")}</p>
        </div>
      ) : (
        days.map((day) => (
          <AgendaDay
            key={day.date}
            day={day}
            env={env}
            overlaps={overlaps}
            notes={notes}
            actions={actions}
            onMoveDay={onMoveDay}
            onAddToDay={(date) => setEditing({ kind: "new", form: startAt(date) })}
          />
        ))
      )}
      {editable && days.length > 0 ? (
        <Button
          icon={<PlusIcon />}
          onClick={() => setEditing({ kind: "new", form: startAt(addDays(days.at(-1)?.date ?? "", 1)) })}
        >
          {t("addDay")}
        </Button>
      ) : null}
      {editing ? (
        <SessionEditor
          initial={editing.kind === "edit" ? formFromSession(editing.session) : editing.form}
          isNew={editing.kind === "new"}
          position={editing.kind === "edit" ? editing.session.position : 0}
          notes={editing.kind === "edit" ? (agenda.notes.get(editing.session.id) ?? null) : null}
          env={env}
          onSave={save}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {hoursOpen ? (
        <WorkingHoursDialog
          delegations={env.delegations}
          editable={editable}
          onClose={() => setHoursOpen(false)}
          onSave={(hours) => {
            doc.transact(() => {
              for (const [id, value] of hours) setWorkingHours(doc, id, value, origin);
            }, origin);
            setHoursOpen(false);
          }}
        />
      ) : null}
    </div>
  );
}

/** Whether the agenda's general notes (the "content" fragment) hold anything, kept up to date. */
function useHasNotes(doc: Y.Doc): boolean {
  const fragment = doc.getXmlFragment(DocumentLayout.content);
  const [has, setHas] = useState(fragment.length > 0);
  useEffect(() => {
    const update = () => setHas(fragment.length > 0);
    update();
    fragment.observe(update);
    return () => fragment.unobserve(update);
  }, [fragment]);
  return has;
}

/** After a move, focus stays with the moved session (its button may have just become disabled). */
function refocus(sessionId: string): void {
  requestAnimationFrame(() => {
    const active = document.activeElement as HTMLElement | null;
    if (active && active !== document.body && !(active as HTMLButtonElement).disabled) return;
    document
      .querySelector<HTMLElement>(
        `[data-session="${sessionId}"] .agenda-session__actions button:not([disabled])`,
      )
      ?.focus();
  });
}
