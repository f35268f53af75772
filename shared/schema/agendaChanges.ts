import type * as Y from "yjs";
import { type AgendaSession, SessionField, sessionsMap, workingHoursMap } from "./agendaLayout";
import { readAgenda } from "./agendaSession";

/** One change between two versions of an agenda, as history shows it (changed fields, not bytes). */
export type AgendaChange =
  | { kind: "sessionAdded"; sessionId: string; title: string }
  | { kind: "sessionRemoved"; sessionId: string; title: string }
  | { kind: "sessionChanged"; sessionId: string; title: string; fields: string[] }
  | { kind: "workingHoursChanged"; delegationId: string };

/** What describeAgendaChanges compares: two versions of the agenda document. */
type AgendaVersion = Y.Doc;

const COMPARED: ReadonlyArray<keyof AgendaSession> = [
  "title",
  "start",
  "end",
  "zone",
  "type",
  "languages",
  "interpretation",
  "leads",
  "place",
  "link",
  "track",
  "documents",
];

/**
 * The changes from `before` to `after`: sessions added, removed, and for each session kept, the
 * fields that changed (names from SessionField; "notes" when its rich text changed; "position" is
 * left out on its own as it only orders parallel sessions). Sessions that fail validation in either
 * version count by their raw presence. Working hours per delegation too. Order: agenda order of `after`,
 * then removed sessions.
 */
export function describeAgendaChanges(before: AgendaVersion, after: AgendaVersion): AgendaChange[] {
  const a = readAgenda(before);
  const b = readAgenda(after);
  const beforeById = new Map(a.sessions.map((s) => [s.id, s]));
  const changes: AgendaChange[] = [];
  const afterIds = new Set<string>();
  for (const session of b.sessions) {
    afterIds.add(session.id);
    const old = beforeById.get(session.id);
    if (!old) {
      if (!sessionsMap(before).has(session.id))
        changes.push({ kind: "sessionAdded", sessionId: session.id, title: session.title });
      else
        changes.push({ kind: "sessionChanged", sessionId: session.id, title: session.title, fields: ["*"] });
      continue;
    }
    const fields: string[] = COMPARED.filter(
      (field) => JSON.stringify(old[field]) !== JSON.stringify(session[field]),
    );
    if (notesText(a.notes.get(session.id)) !== notesText(b.notes.get(session.id)))
      fields.push(SessionField.notes);
    if (fields.length > 0)
      changes.push({ kind: "sessionChanged", sessionId: session.id, title: session.title, fields });
  }
  for (const broken of b.broken) {
    afterIds.add(broken.id);
    if (!sessionsMap(before).has(broken.id))
      changes.push({ kind: "sessionAdded", sessionId: broken.id, title: broken.title });
    else if (beforeById.has(broken.id))
      changes.push({ kind: "sessionChanged", sessionId: broken.id, title: broken.title, fields: ["*"] });
  }
  for (const session of a.sessions)
    if (!afterIds.has(session.id))
      changes.push({ kind: "sessionRemoved", sessionId: session.id, title: session.title });
  for (const broken of a.broken)
    if (!afterIds.has(broken.id))
      changes.push({ kind: "sessionRemoved", sessionId: broken.id, title: broken.title });

  const hoursBefore = workingHoursMap(before);
  const hoursAfter = workingHoursMap(after);
  const delegations = new Set([...hoursBefore.keys(), ...hoursAfter.keys()]);
  for (const delegationId of [...delegations].sort())
    if (JSON.stringify(hoursBefore.get(delegationId)) !== JSON.stringify(hoursAfter.get(delegationId)))
      changes.push({ kind: "workingHoursChanged", delegationId });
  return changes;
}

function notesText(fragment: Y.XmlFragment | undefined): string {
  return fragment ? fragment.toString() : "";
}
