import type * as Y from "yjs";

/**
 * The agenda's layout inside its Y.Doc, defined once for the client and the server (the .ics export,
 * history). Add names, never rename: a renamed key orphans what existing agendas hold.
 *
 * doc.getMap("agendaSessions")      Y.Map<sessionId, Y.Map>: one Y.Map per session, so fields merge
 *                                   independently
 * doc.getMap("agendaWorkingHours")  Y.Map<delegationId, { start, end }> in minutes (default 08:00-20:00)
 * doc.getXmlFragment("content")  the agenda's general notes (agendas made before the structured
 *                                agenda hold all their text here, and keep it)
 *
 * Sessions are keyed by id (a Y.Map, not a Y.Array): a session can never be duplicated or lost by a
 * concurrent move. The order is each session's start instant, then its fractional `position` (for
 * sessions that start together, in parallel tracks); moving a session exchanges its time slot with its
 * neighbour's, so the times always read in the order shown. Both maps are top-level types: two
 * clients creating a nested "sessions" map at once would have one of them win, with its sessions.
 */
export const AgendaLayout = {
  sessions: "agendaSessions",
  workingHours: "agendaWorkingHours",
} as const;

/** Keys of one session's Y.Map. */
export const SessionField = {
  title: "title",
  /** Epoch milliseconds (an instant). */
  start: "start",
  end: "end",
  /** The IANA zone the times were entered in (what the editor shows them in again). */
  zone: "zone",
  type: "type",
  /** BCP 47 tags of the working languages. */
  languages: "languages",
  /** Interpretation needed: pairs of BCP 47 tags ({ from, to }). */
  interpretation: "interpretation",
  /** Leads: { participantId } for people of the exchange, { name } for anyone else. */
  leads: "leads",
  place: "place",
  /** A video-call address (http or https). */
  link: "link",
  /** Room or track: sessions in the same track must not overlap. Empty: the main room. */
  track: "track",
  /** Ids of the exchange's documents linked from the session. */
  documents: "documents",
  /** Y.XmlFragment: the session's rich-text notes. */
  notes: "notes",
  /** Fractional number ordering sessions that start at the same instant. */
  position: "position",
} as const;

export const SESSION_TYPES = ["plenary", "working-group", "site-visit", "break", "social", "travel"] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

export const AgendaLimits = {
  title: 200,
  place: 200,
  track: 80,
  link: 2000,
  leadName: 100,
  leads: 20,
  languages: 10,
  interpretation: 10,
  documents: 20,
  /** A session may last at most this long (a night's travel included). */
  maxDurationMs: 48 * 3600_000,
} as const;

export type Lead = { participantId: string } | { name: string };
export interface InterpretationPair {
  from: string;
  to: string;
}

/** Working hours of a delegation, minutes after local midnight. */
export interface WorkingHours {
  start: number;
  end: number;
}
export const DEFAULT_WORKING_HOURS: WorkingHours = { start: 8 * 60, end: 20 * 60 };

/** One session as the application reads it (validated, see agendaSession.ts). */
export interface AgendaSession {
  id: string;
  title: string;
  start: number;
  end: number;
  zone: string;
  type: SessionType;
  languages: string[];
  interpretation: InterpretationPair[];
  leads: Lead[];
  place: string;
  link: string;
  track: string;
  documents: string[];
  position: number;
}

/** The editable fields (everything but the id and the notes fragment). */
export type SessionFields = Omit<AgendaSession, "id">;

export function sessionsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(AgendaLayout.sessions);
}

export function workingHoursMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(AgendaLayout.workingHours);
}
