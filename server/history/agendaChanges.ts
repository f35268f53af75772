import * as Y from "yjs";
import type {
  AgendaFieldChange,
  AgendaHistoryChange,
  AgendaHistoryField,
  AgendaHistorySession,
  HistoryAuthor,
} from "../../shared/api/history";
import { describeAgendaChanges } from "../../shared/schema/agendaChanges";
import { type AgendaSession, sessionsMap, workingHoursMap } from "../../shared/schema/agendaLayout";
import { notesText } from "../../shared/schema/agendaNotes";
import { readAgenda } from "../../shared/schema/agendaSession";

/** Who inserted or deleted a Yjs item, as the server recorded it (see compareVersions). */
export interface ItemAuthors {
  inserted(id: Y.ID): HistoryAuthor;
  /** null: not deleted between the two versions. */
  deleted(id: Y.ID): HistoryAuthor | null;
}

// Yjs keeps each key's latest item (deleted or not) in a map type's `_map`, and the older values to
// its left: the item behind a value is where its author is recorded.
type MapInternals = { _map: Map<string, Y.Item> };
type TypeInternals = { _start: Y.Item | null };

/**
 * The agenda's changes from the version `beforeSnapshot` of `after` (a document built with gc off,
 * deleted content kept) to `after`: sessions added and removed, and per session the fields that
 * changed with their values before and after and who changed them. A value's author is whoever wrote
 * the item holding it now (or deleted it); a session's adder wrote its map, its remover deleted it.
 */
export function agendaHistoryChanges(
  after: Y.Doc,
  beforeSnapshot: Y.Snapshot,
  authors: ItemAuthors,
): AgendaHistoryChange[] {
  const before = Y.createDocFromSnapshot(after, beforeSnapshot);
  try {
    const isNew = (id: Y.ID) => id.clock >= (beforeSnapshot.sv.get(id.client) ?? 0);
    const readBefore = readAgenda(before);
    const readAfter = readAgenda(after);
    const beforeById = new Map(readBefore.sessions.map((s) => [s.id, s]));
    const afterById = new Map(readAfter.sessions.map((s) => [s.id, s]));
    const entries = (sessionsMap(after) as unknown as MapInternals)._map;

    const result: AgendaHistoryChange[] = [];
    for (const change of describeAgendaChanges(before, after)) {
      if (change.kind === "workingHoursChanged") {
        const item = (workingHoursMap(after) as unknown as MapInternals)._map.get(change.delegationId);
        const by = item ? valueAuthors(item, isNew, authors) : [];
        result.push({
          kind: change.kind,
          id: change.delegationId,
          title: "",
          start: null,
          end: null,
          zone: null,
          fields: [
            {
              field: "workingHours",
              before: workingHoursMap(before).get(change.delegationId),
              after: workingHoursMap(after).get(change.delegationId),
              by,
            },
          ],
          by,
        });
        continue;
      }
      const entry = entries.get(change.sessionId);
      const shown = afterById.get(change.sessionId) ?? beforeById.get(change.sessionId);
      const base = {
        id: change.sessionId,
        title: change.title,
        start: shown?.start ?? null,
        end: shown?.end ?? null,
        zone: shown?.zone ?? null,
      };
      if (change.kind === "sessionAdded") {
        const by = new AuthorSet();
        if (entry) {
          by.add(authors.inserted(entry.id));
          // Whoever filled in or edited the new session's fields since.
          for (const author of mapAuthors(entry, isNew, authors)) by.add(author);
        }
        result.push({ kind: change.kind, ...base, fields: [], by: by.list() });
      } else if (change.kind === "sessionRemoved") {
        const removed = entry ? removedItem(entry, isNew) : null;
        const remover = removed ? authors.deleted(removed.id) : null;
        result.push({ kind: change.kind, ...base, fields: [], by: remover ? [remover] : [] });
      } else {
        const fields: AgendaFieldChange[] = [];
        const sessionMap = entry?.content instanceof Y.ContentType ? entry.content.type : null;
        const fieldItems = sessionMap ? (sessionMap as unknown as MapInternals)._map : new Map();
        const oldSession = beforeById.get(change.sessionId);
        const newSession = afterById.get(change.sessionId);
        for (const field of change.fields as AgendaHistoryField[]) {
          let by: HistoryAuthor[] = [];
          let values: { before?: unknown; after?: unknown } = {};
          if (field === "notes") {
            const notes = fieldItems.get("notes");
            if (notes) by = fragmentAuthors(notes, isNew, authors);
            values = {
              before: notesOf(readBefore.notes.get(change.sessionId)),
              after: notesOf(readAfter.notes.get(change.sessionId)),
            };
          } else if (field === "*") {
            if (entry) by = mapAuthors(entry, isNew, authors);
          } else {
            const item = fieldItems.get(field);
            if (item) by = valueAuthors(item, isNew, authors);
            values = {
              before: oldSession?.[field as keyof AgendaSession],
              after: newSession?.[field as keyof AgendaSession],
            };
          }
          fields.push({ field, ...values, by });
        }
        const by = new AuthorSet();
        for (const field of fields) for (const author of field.by) by.add(author);
        result.push({ kind: change.kind, ...base, fields, by: by.list() });
      }
    }
    return result;
  } finally {
    before.destroy();
  }
}

/** An agenda's sessions in agenda order, as the history's replay lists them. */
export function agendaSessions(doc: Y.Doc): AgendaHistorySession[] {
  return readAgenda(doc).sessions.map((s) => ({
    id: s.id,
    title: s.title,
    start: s.start,
    end: s.end,
    zone: s.zone,
    type: s.type,
    place: s.place,
    track: s.track,
    languages: s.languages,
  }));
}

function notesOf(fragment: Y.XmlFragment | undefined): string {
  return fragment ? notesText(fragment) : "";
}

class AuthorSet {
  private readonly seen = new Map<string, HistoryAuthor>();
  add(author: HistoryAuthor): void {
    this.seen.set(`${author.participantId}|${author.delegationId}`, author);
  }
  list(): HistoryAuthor[] {
    return [...this.seen.values()];
  }
}

/** Who set a map key's current value (or deleted it) since the older version. */
function valueAuthors(item: Y.Item, isNew: (id: Y.ID) => boolean, authors: ItemAuthors): HistoryAuthor[] {
  if (!item.deleted) return isNew(item.id) ? [authors.inserted(item.id)] : [];
  // Cleared (or replaced and cleared) between the versions: whoever deleted it.
  const by = authors.deleted(item.id);
  return by ? [by] : [];
}

/** The session's map as the older version held it, where the newer one no longer does. */
function removedItem(entry: Y.Item, isNew: (id: Y.ID) => boolean): Y.Item | null {
  for (let item: Y.Item | null = entry; item; item = item.left as Y.Item | null) {
    if (!isNew(item.id)) return item.deleted ? item : null;
  }
  return null;
}

/** Everyone behind the new or cleared values of a session's map (its notes' text included). */
function mapAuthors(entry: Y.Item, isNew: (id: Y.ID) => boolean, authors: ItemAuthors): HistoryAuthor[] {
  const set = new AuthorSet();
  if (!(entry.content instanceof Y.ContentType)) return [];
  for (const [key, item] of (entry.content.type as unknown as MapInternals)._map) {
    const found =
      key === "notes" ? fragmentAuthors(item, isNew, authors) : valueAuthors(item, isNew, authors);
    for (const author of found) set.add(author);
  }
  return set.list();
}

/** Everyone who wrote or deleted text of a rich-text fragment since the older version. */
function fragmentAuthors(
  fragmentItem: Y.Item,
  isNew: (id: Y.ID) => boolean,
  authors: ItemAuthors,
): HistoryAuthor[] {
  const set = new AuthorSet();
  if (isNew(fragmentItem.id) && !fragmentItem.deleted) set.add(authors.inserted(fragmentItem.id));
  const walk = (type: Y.AbstractType<unknown>) => {
    for (let item = (type as unknown as TypeInternals)._start; item; item = item.right as Y.Item | null) {
      if (!item.deleted) {
        if (isNew(item.id)) set.add(authors.inserted(item.id));
      } else if (!isNew(item.id)) {
        // Deleted between the versions (null: it was already gone in the older one).
        const by = authors.deleted(item.id);
        if (by) set.add(by);
      }
      if (item.content instanceof Y.ContentType) walk(item.content.type);
    }
  };
  if (fragmentItem.content instanceof Y.ContentType) walk(fragmentItem.content.type);
  return set.list();
}
