import type { AgendaSession } from "../../shared/schema/agendaLayout";

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

export const at = (iso: string) => Date.parse(iso);
