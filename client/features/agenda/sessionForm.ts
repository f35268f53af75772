import type { AgendaSession, Lead, SessionFields, SessionType } from "../../../shared/schema/agendaLayout";
import { checkSessionFields, type FieldProblem } from "../../../shared/schema/agendaSession";
import {
  formatMinutes,
  instantToWall,
  isKnownZone,
  parseMinutes,
  wallToInstant,
} from "../../../shared/schema/agendaTime";

/** The session editor's fields as typed (dates and times as the inputs hold them). */
export interface SessionForm {
  title: string;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  zone: string;
  type: SessionType;
  languages: string[];
  /** Interpretation pairs as "from>to". */
  interpretation: string[];
  leadIds: string[];
  /** Other leads, one per line or separated by commas. */
  otherLeads: string;
  place: string;
  link: string;
  track: string;
  documents: string[];
}

export function formFromSession(session: AgendaSession): SessionForm {
  const start = instantToWall(session.start, session.zone);
  const end = instantToWall(session.end, session.zone);
  return {
    title: session.title,
    startDate: start.date,
    startTime: formatMinutes(start.minutes),
    endDate: end.date,
    endTime: formatMinutes(end.minutes),
    zone: session.zone,
    type: session.type,
    languages: session.languages,
    interpretation: session.interpretation.map((pair) => `${pair.from}>${pair.to}`),
    leadIds: session.leads.flatMap((lead) => ("participantId" in lead ? [lead.participantId] : [])),
    otherLeads: session.leads.flatMap((lead) => ("name" in lead ? [lead.name] : [])).join(", "),
    place: session.place,
    link: session.link,
    track: session.track,
    documents: session.documents,
  };
}

/** A new session's form: on `date`, an hour from `startMinutes`, in `zone`. */
export function newForm(date: string, startMinutes: number, zone: string): SessionForm {
  return {
    title: "",
    startDate: date,
    startTime: formatMinutes(startMinutes),
    endDate: date,
    endTime: formatMinutes(Math.min(startMinutes + 60, 23 * 60 + 59)),
    zone,
    type: "plenary",
    languages: [],
    interpretation: [],
    leadIds: [],
    otherLeads: "",
    place: "",
    link: "",
    track: "",
    documents: [],
  };
}

/** The form read into session fields, or the problems that keep it from being saved. */
export function readForm(
  form: SessionForm,
  position: number,
): { ok: true; fields: SessionFields } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const startMinutes = parseMinutes(form.startTime);
  const endMinutes = parseMinutes(form.endTime);
  if (startMinutes === null || !/^\d{4}-\d{2}-\d{2}$/.test(form.startDate))
    problems.push({ field: "start", problem: "malformed" });
  if (endMinutes === null || !/^\d{4}-\d{2}-\d{2}$/.test(form.endDate))
    problems.push({ field: "end", problem: "malformed" });
  if (!isKnownZone(form.zone)) problems.push({ field: "zone", problem: "unknownZone" });
  let start = 0;
  let end = 0;
  if (problems.length === 0) {
    try {
      start = wallToInstant(form.startDate, startMinutes as number, form.zone);
      end = wallToInstant(form.endDate, endMinutes as number, form.zone);
    } catch {
      problems.push({ field: "start", problem: "malformed" });
    }
  }
  const leads: Lead[] = [
    ...form.leadIds.map((participantId) => ({ participantId })),
    ...form.otherLeads
      .split(/[,\n，、]/)
      .map((name) => name.trim())
      .filter(Boolean)
      .map((name) => ({ name })),
  ];
  const fields: SessionFields = {
    title: form.title.trim(),
    start,
    end,
    zone: form.zone,
    type: form.type,
    languages: form.languages,
    interpretation: form.interpretation.map((pair) => {
      const [from = "", to = ""] = pair.split(">");
      return { from, to };
    }),
    leads,
    place: form.place.trim(),
    link: form.link.trim(),
    track: form.track.trim(),
    documents: form.documents,
    position,
  };
  // Times that could not be read are reported as such, not as "ends before it starts" too.
  const checked = checkSessionFields(fields).filter(
    (p) => !(problems.length > 0 && (p.field === "end" || p.field === "start" || p.field === "zone")),
  );
  const all = [...problems, ...checked];
  return all.length === 0 ? { ok: true, fields } : { ok: false, problems: all };
}

/**
 * What the person changed in the editor: the fields whose value differs from what the editor opened
 * with. Only these are written, so a field someone else changed meanwhile keeps their change.
 */
export function changedFields(opened: SessionFields, saved: SessionFields): Partial<SessionFields> {
  const patch: Partial<SessionFields> = {};
  for (const key of Object.keys(saved) as Array<keyof SessionFields>) {
    if (JSON.stringify(saved[key]) !== JSON.stringify(opened[key]))
      (patch as Record<string, unknown>)[key] = saved[key];
  }
  return patch;
}
