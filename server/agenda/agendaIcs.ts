import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import { ICalCalendar } from "ical-generator";
import { Temporal } from "temporal-polyfill";
import type * as Y from "yjs";
import type { AgendaSession } from "../../shared/schema/agendaLayout";
import { notesText } from "../../shared/schema/agendaNotes";

/** What the calendar file says besides the sessions' own fields. */
export interface IcsContext {
  /** The calendar's name (the agenda's title). */
  name: string;
  /** Unique per document, so two agendas' sessions never replace each other in a calendar. */
  documentId: string;
  /** Participant ids to names, for the leads. */
  participantNames: ReadonlyMap<string, string>;
  /** Linked documents' titles by id, and the address that opens each. */
  documentTitles: ReadonlyMap<string, string>;
  documentUrl: (documentId: string) => string;
  /** Rich-text notes per session, written as plain text in the description. */
  notes: ReadonlyMap<string, Y.XmlFragment>;
  /** DTSTAMP: when the file was made. */
  now: number;
}

/**
 * The sessions as an iCalendar file (ical-generator). Each event carries its times in the zone it
 * was entered in (DTSTART;TZID=Europe/London:...) with that zone's VTIMEZONE rules in the file, so a
 * calendar application shows 09:00 London and places it at the right instant in any other zone.
 * Written as UTC instants instead (always right): a zone with no VTIMEZONE available, the fixed
 * "Etc/" zones (the package's rules for them carry the POSIX sign, Etc/GMT+5 as +05:00), and a time
 * in the hour a fall-back change repeats (01:30 twice in London): RFC 5545 means the first, but
 * parsers differ (ical.js takes the second).
 */
export function buildAgendaIcs(sessions: readonly AgendaSession[], context: IcsContext): string {
  const calendar = new ICalCalendar({ name: context.name, prodId: { company: "Mutual", product: "Agenda" } });
  const rules = new Map<string, string | null>();
  const vtimezone = (zone: string): string | null => {
    if (!rules.has(zone)) rules.set(zone, getVtimezoneComponent(zone));
    return rules.get(zone) ?? null;
  };
  calendar.timezone({ name: null, generator: vtimezone });
  for (const session of sessions) {
    const zone = writesLocalTimes(session, vtimezone) ? session.zone : null;
    const at = (ms: number) =>
      zone ? Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(zone) : new Date(ms);
    calendar.createEvent({
      id: `${context.documentId}-${session.id}@mutual`,
      start: at(session.start),
      end: at(session.end),
      ...(zone ? { timezone: zone } : {}),
      stamp: new Date(context.now),
      summary: session.title,
      location: session.place || null,
      url: session.link || null,
      description: describe(session, context),
      categories: [{ name: session.type }],
    });
  }
  return calendar.toString();
}

function writesLocalTimes(session: AgendaSession, vtimezone: (zone: string) => string | null): boolean {
  if (session.zone.startsWith("Etc/") || session.zone === "UTC" || !vtimezone(session.zone)) return false;
  return !isRepeatedTime(session.start, session.zone) && !isRepeatedTime(session.end, session.zone);
}

/** True when the wall-clock time at `instant` happens twice in `zone` (a fall-back change). */
function isRepeatedTime(instant: number, zone: string): boolean {
  const wall = Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zone).toPlainDateTime();
  return (
    wall.toZonedDateTime(zone, { disambiguation: "earlier" }).epochMilliseconds !==
    wall.toZonedDateTime(zone, { disambiguation: "later" }).epochMilliseconds
  );
}

function describe(session: AgendaSession, context: IcsContext): string {
  const lines: string[] = [];
  if (session.languages.length > 0) lines.push(`Languages: ${session.languages.join(", ")}`);
  if (session.interpretation.length > 0)
    lines.push(`Interpretation: ${session.interpretation.map((p) => `${p.from} → ${p.to}`).join(", ")}`);
  const leads = session.leads.map((lead) =>
    "name" in lead ? lead.name : (context.participantNames.get(lead.participantId) ?? ""),
  );
  if (leads.some(Boolean)) lines.push(`Leads: ${leads.filter(Boolean).join(", ")}`);
  if (session.track) lines.push(`Room/track: ${session.track}`);
  if (session.link) lines.push(session.link);
  for (const id of session.documents) {
    const title = context.documentTitles.get(id);
    if (title !== undefined) lines.push(`${title}: ${context.documentUrl(id)}`);
  }
  const notes = context.notes.get(session.id);
  const text = notes ? notesText(notes) : "";
  if (text) lines.push("", text);
  return lines.join("\n");
}
