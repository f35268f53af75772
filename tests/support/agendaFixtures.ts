import type * as Y from "yjs";
import { addSession } from "../../shared/schema/agendaEdit";
import type { AgendaSession, SessionFields } from "../../shared/schema/agendaLayout";

/** A session with defaults, for tests: only what a test is about needs saying. */
export function session(
  partial: Partial<AgendaSession> & Pick<AgendaSession, "id" | "start" | "end">,
): AgendaSession {
  return {
    title: `Session ${partial.id}`,
    zone: "Europe/London",
    type: "plenary",
    languages: [],
    interpretation: [],
    leads: [],
    place: "",
    link: "",
    track: "",
    documents: [],
    position: 0,
    ...partial,
  };
}

/** A session's fields with defaults, without its id: what addSession stores under one. */
export function sessionFields(partial: Parameters<typeof session>[0]): SessionFields {
  const { id: _id, ...fields } = session(partial);
  return fields;
}

/** Adds a session with defaults to an agenda document under its id, as a change of `origin`. */
export function addTestSession(
  doc: Y.Doc,
  partial: Parameters<typeof session>[0],
  origin: unknown = null,
): void {
  addSession(doc, partial.id, sessionFields(partial), origin);
}

export const at = (iso: string) => Date.parse(iso);
