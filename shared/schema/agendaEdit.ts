import * as Y from "yjs";
import {
  type AgendaSession,
  SessionField,
  type SessionFields,
  sessionsMap,
  type WorkingHours,
  workingHoursMap,
} from "./agendaLayout";
import { shiftDays } from "./agendaTime";

/**
 * Every change to the agenda, as one Yjs transaction with the caller's origin (the client's undo
 * manager tracks its own origin only, so undo never takes back someone else's change). Fields are
 * written one key each: two people editing different fields of a session both keep their change.
 */

/** Adds a session (already checked with checkSessionFields) under a new id. */
export function addSession(doc: Y.Doc, id: string, fields: SessionFields, origin: unknown): void {
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(fields)) map.set(key, value);
    map.set(SessionField.notes, new Y.XmlFragment());
    sessionsMap(doc).set(id, map);
  }, origin);
}

/** Writes only the fields that changed, so a concurrent edit of another field stays. */
export function updateSession(doc: Y.Doc, id: string, patch: Partial<SessionFields>, origin: unknown): void {
  const map = sessionsMap(doc).get(id);
  if (!(map instanceof Y.Map)) return;
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, value);
    }
  }, origin);
}

/** Deletes a session; an edit made to it meanwhile elsewhere goes with it. */
export function deleteSession(doc: Y.Doc, id: string, origin: unknown): void {
  doc.transact(() => sessionsMap(doc).delete(id), origin);
}

/** A copy of the session (notes included) placed right after it, with the same length. */
export function duplicateSession(doc: Y.Doc, session: AgendaSession, newId: string, origin: unknown): void {
  const source = sessionsMap(doc).get(session.id);
  const { id: _id, ...fields } = session;
  const length = session.end - session.start;
  doc.transact(() => {
    addSession(doc, newId, { ...fields, start: session.end, end: session.end + length }, origin);
    const notes = source instanceof Y.Map ? source.get(SessionField.notes) : null;
    const copy = (sessionsMap(doc).get(newId) as Y.Map<unknown>).get(SessionField.notes) as Y.XmlFragment;
    if (notes instanceof Y.XmlFragment && notes.length > 0)
      copy.insert(
        0,
        notes.toArray().map((node) => node.clone() as Y.XmlElement | Y.XmlText),
      );
  }, origin);
}

/**
 * Exchanges the time slots of two neighbouring sessions (`earlier` shown before `later`): the later
 * one now starts where the earlier began, and the earlier follows it after the same gap. Each keeps
 * its length. Sessions that start together (parallel tracks) swap their positions instead.
 */
export function swapSlots(doc: Y.Doc, earlier: AgendaSession, later: AgendaSession, origin: unknown): void {
  if (earlier.start === later.start) {
    const [a, b] =
      earlier.position === later.position
        ? [later.position + 1, later.position]
        : [later.position, earlier.position];
    doc.transact(() => {
      updateSession(doc, earlier.id, { position: a }, origin);
      updateSession(doc, later.id, { position: b }, origin);
    }, origin);
    return;
  }
  const gap = Math.max(0, later.start - earlier.end);
  const laterStart = earlier.start;
  const laterEnd = laterStart + (later.end - later.start);
  const earlierStart = laterEnd + gap;
  doc.transact(() => {
    updateSession(doc, later.id, { start: laterStart, end: laterEnd }, origin);
    updateSession(
      doc,
      earlier.id,
      { start: earlierStart, end: earlierStart + (earlier.end - earlier.start) },
      origin,
    );
  }, origin);
}

/**
 * Moves a session from its place in `ordered` (one day, in agenda order) to `toIndex`, one slot
 * exchange at a time, as one transaction (one undo step).
 */
export function moveSession(
  doc: Y.Doc,
  ordered: readonly AgendaSession[],
  id: string,
  toIndex: number,
  origin: unknown,
): void {
  const list = ordered.map((session) => ({ ...session }));
  let index = list.findIndex((session) => session.id === id);
  if (index < 0) return;
  const target = Math.max(0, Math.min(list.length - 1, toIndex));
  doc.transact(() => {
    while (index !== target) {
      const step = target > index ? 1 : -1;
      const [earlier, later] = step > 0 ? [list[index], list[index + 1]] : [list[index - 1], list[index]];
      if (!earlier || !later) break;
      swapSlots(doc, earlier, later, origin);
      // Keep the local copies in step with what was written, for the next exchange.
      const written = (s: AgendaSession) => readTimes(doc, s);
      const a = written(earlier);
      const b = written(later);
      list[step > 0 ? index : index - 1] = b;
      list[step > 0 ? index + 1 : index] = a;
      index += step;
    }
  }, origin);
}

function readTimes(doc: Y.Doc, session: AgendaSession): AgendaSession {
  const map = sessionsMap(doc).get(session.id) as Y.Map<unknown>;
  return {
    ...session,
    start: map.get(SessionField.start) as number,
    end: map.get(SessionField.end) as number,
    position: map.get(SessionField.position) as number,
  };
}

/**
 * Moves a whole day's sessions `days` calendar days (same wall-clock times in the zone each was
 * entered in, so a move across a daylight-saving change keeps 09:00 at 09:00).
 */
export function moveDay(doc: Y.Doc, sessions: readonly AgendaSession[], days: number, origin: unknown): void {
  if (days === 0) return;
  doc.transact(() => {
    for (const session of sessions) {
      updateSession(
        doc,
        session.id,
        {
          start: shiftDays(session.start, session.zone, days),
          end: shiftDays(session.end, session.zone, days),
        },
        origin,
      );
    }
  }, origin);
}

export function setWorkingHours(
  doc: Y.Doc,
  delegationId: string,
  hours: WorkingHours,
  origin: unknown,
): void {
  doc.transact(() => workingHoursMap(doc).set(delegationId, { start: hours.start, end: hours.end }), origin);
}
