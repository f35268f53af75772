import * as Y from "yjs";
import { z } from "zod";
import {
  AgendaLimits,
  type AgendaSession,
  SESSION_TYPES,
  SessionField,
  type SessionFields,
  sessionsMap,
} from "./agendaLayout";
import { isKnownZone } from "./agendaTime";

/** Why a session (typed in, or read from the document) is not valid; the client translates each. */
export type SessionProblem =
  | "titleRequired"
  | "titleTooLong"
  | "endBeforeStart"
  | "tooLong"
  | "unknownZone"
  | "badType"
  | "placeTooLong"
  | "trackTooLong"
  | "badLink"
  | "badLanguage"
  | "badLeads"
  | "badDocuments"
  | "malformed";

// BCP 47 as people write it ("pt-BR", "zh-Hans", "en"): letters and digits in dash-separated parts.
const languageTag = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/, "badLanguage");
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

const sessionSchema = z
  .object({
    title: z.string().trim().min(1, "titleRequired").max(AgendaLimits.title, "titleTooLong"),
    start: z.number().int().finite(),
    end: z.number().int().finite(),
    zone: z.string().refine(isKnownZone, "unknownZone"),
    type: z.enum(SESSION_TYPES, { error: "badType" }),
    languages: z.array(languageTag).max(AgendaLimits.languages, "badLanguage"),
    interpretation: z
      .array(z.object({ from: languageTag, to: languageTag }))
      .max(AgendaLimits.interpretation, "badLanguage"),
    leads: z
      .array(
        z.union([
          z.object({ participantId: id }).strict(),
          z.object({ name: z.string().trim().min(1).max(AgendaLimits.leadName) }).strict(),
        ]),
        { error: "badLeads" },
      )
      .max(AgendaLimits.leads, "badLeads"),
    place: z.string().max(AgendaLimits.place, "placeTooLong"),
    link: z
      .string()
      .max(AgendaLimits.link, "badLink")
      .refine((value) => value === "" || isWebAddress(value), "badLink"),
    track: z.string().max(AgendaLimits.track, "trackTooLong"),
    documents: z.array(id, { error: "badDocuments" }).max(AgendaLimits.documents, "badDocuments"),
    position: z.number().finite(),
  })
  .superRefine((session, context) => {
    if (session.end <= session.start)
      context.addIssue({ code: "custom", message: "endBeforeStart", path: ["end"] });
    else if (session.end - session.start > AgendaLimits.maxDurationMs)
      context.addIssue({ code: "custom", message: "tooLong", path: ["end"] });
  });

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

export interface FieldProblem {
  field: string;
  problem: SessionProblem;
}

const KNOWN_PROBLEMS = new Set<string>([
  "titleRequired",
  "titleTooLong",
  "endBeforeStart",
  "tooLong",
  "unknownZone",
  "badType",
  "placeTooLong",
  "trackTooLong",
  "badLink",
  "badLanguage",
  "badLeads",
  "badDocuments",
]);

/** Checks fields typed into the session editor: [] when they may be written. */
export function checkSessionFields(fields: unknown): FieldProblem[] {
  const result = sessionSchema.safeParse(fields);
  if (result.success) return [];
  const problems: FieldProblem[] = [];
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "");
    const problem = (KNOWN_PROBLEMS.has(issue.message) ? issue.message : "malformed") as SessionProblem;
    if (!problems.some((p) => p.field === field && p.problem === problem)) problems.push({ field, problem });
  }
  return problems;
}

/** A session read from the document: valid, or an error row (a crafted update wrote it). */
export type ReadSession =
  | { ok: true; session: AgendaSession; notes: Y.XmlFragment | null }
  | { ok: false; id: string; title: string; problems: FieldProblem[] };

const FIELD_NAMES = Object.values(SessionField).filter((name) => name !== SessionField.notes);

/** Reads one session's Y.Map through the schema; anything malformed becomes an error row. */
export function readSession(id: string, value: unknown): ReadSession {
  if (!(value instanceof Y.Map)) {
    return { ok: false, id, title: "", problems: [{ field: "", problem: "malformed" }] };
  }
  const raw: Record<string, unknown> = {};
  for (const name of FIELD_NAMES) raw[name] = plain(value.get(name));
  const notes = value.get(SessionField.notes);
  const parsed = sessionSchema.safeParse(raw);
  const idOk = /^[A-Za-z0-9_-]{1,64}$/.test(id);
  if (parsed.success && idOk && (notes === undefined || notes instanceof Y.XmlFragment)) {
    return {
      ok: true,
      session: { id, ...(parsed.data as SessionFields) },
      notes: notes instanceof Y.XmlFragment ? notes : null,
    };
  }
  const problems = parsed.success ? [] : checkSessionFields(raw);
  if (!idOk || (notes !== undefined && !(notes instanceof Y.XmlFragment)) || problems.length === 0)
    problems.push({ field: "", problem: "malformed" });
  return { ok: false, id, title: typeof raw.title === "string" ? raw.title.slice(0, 200) : "", problems };
}

// Nested Yjs types are not plain data: a crafted update may put a Y.Array where a string belongs.
function plain(value: unknown): unknown {
  return value instanceof Y.AbstractType ? { yjsType: true } : value;
}

/** The whole agenda as read from a document: valid sessions in order, and error rows. */
export interface AgendaRead {
  sessions: AgendaSession[];
  notes: Map<string, Y.XmlFragment>;
  broken: Array<{ id: string; title: string; problems: FieldProblem[] }>;
}

export function readAgenda(doc: Y.Doc): AgendaRead {
  const sessions: AgendaSession[] = [];
  const notes = new Map<string, Y.XmlFragment>();
  const broken: AgendaRead["broken"] = [];
  for (const [id, value] of sessionsMap(doc).entries()) {
    const read = readSession(id, value);
    if (read.ok) {
      sessions.push(read.session);
      if (read.notes) notes.set(id, read.notes);
    } else broken.push({ id: read.id, title: read.title, problems: read.problems });
  }
  sessions.sort(compareSessions);
  broken.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { sessions, notes, broken };
}

/** Agenda order: start, then position (parallel sessions), then id (every client the same). */
export function compareSessions(a: AgendaSession, b: AgendaSession): number {
  return a.start - b.start || a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
