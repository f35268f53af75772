import { z } from "zod";

/** Version history (issue 32): what the history API answers. */

export const VERSION_KINDS = ["auto", "named", "restore", "run-event"] as const;
export type VersionKindName = (typeof VERSION_KINDS)[number];

/** Facilitated-run events that mark a version. */
export const RUN_EVENT_TYPES = ["phase", "reveal", "close"] as const;
export type RunEventType = (typeof RUN_EVENT_TYPES)[number];

/** A name for a version, as people type it. */
export const VERSION_NAME_MAX = 120;

/** Who changed something, as the server recorded it; null participant: anonymous. */
export interface HistoryAuthor {
  participantId: string | null;
  delegationId: string | null;
}

export interface VersionSummary {
  id: number;
  createdAt: number;
  kind: VersionKindName;
  name: string | null;
  /** For run events: { type, ...detail }; for restores: { restoredFrom: versionId }. */
  event: Record<string, unknown> | null;
  createdBy: string | null;
  contributors: HistoryAuthor[];
}

/** People and delegations named in an answer (removed participants included), by id. */
export interface HistoryDirectory {
  people: Record<string, { name: string; delegationId: string | null }>;
  delegations: Record<string, { name: string; color: string }>;
}

export interface VersionPage extends HistoryDirectory {
  versions: VersionSummary[];
  /** Pass as `before` for the next (older) page; null at the oldest. */
  nextBefore: number | null;
  total: number;
}

/** ProseMirror JSON of a rendered document. */
export interface HistoryNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: HistoryNode[];
  text?: string;
  marks?: HistoryMark[];
}

export interface HistoryMark {
  type: string;
  attrs?: Record<string, unknown>;
}

/** The mark compare puts on changed text (a Tiptap mark of the history chunk). */
export const HISTORY_CHANGE_MARK = "historyChange";

export interface HistoryChangeAttrs {
  /** "format": text both versions have, formatted differently (bold added, a link removed...). */
  kind: "insert" | "delete" | "format";
  participantId: string | null;
  delegationId: string | null;
}

/** Words a delegation (or the anonymous) added and removed between two versions. */
export interface CompareTotal {
  delegationId: string | null;
  anonymous: boolean;
  participantIds: string[];
  added: number;
  removed: number;
}

export interface CompareResult extends HistoryDirectory {
  from: VersionSummary;
  to: VersionSummary;
  doc: HistoryNode;
  totals: CompareTotal[];
  /** Agendas only: the sessions and fields that changed, with who changed them. */
  agenda?: AgendaHistoryChange[];
  /** Agendas only: titles of the documents linked from changed sessions, by id. */
  documents?: Record<string, string>;
}

export interface VersionState extends HistoryDirectory {
  version: VersionSummary;
  /** The document's Yjs state at the version (deleted content collected), base64. */
  state: string;
  /** The document is an agenda: shown as its days and sessions. */
  agenda?: boolean;
}

/** One step of the replay: a point of the log and who wrote since the previous step. */
export interface ReplayFrame {
  seq: number;
  at: number;
  authors: HistoryAuthor[];
}

export interface ReplayPlan extends HistoryDirectory {
  frames: ReplayFrame[];
}

export interface ReplayState {
  seq: number;
  doc: HistoryNode;
  /** Agendas only: the sessions at this point, in agenda order. */
  agenda?: AgendaHistorySession[];
}

/** Client id -> who wrote under it, for the live "who wrote what" tint. */
export interface WhoWroteMap extends HistoryDirectory {
  clients: Record<string, HistoryAuthor>;
}

/** Naming a version (POST) or renaming one (PATCH; null takes the name away). */
export const versionNameSchema = z
  .object({
    name: z.string().trim().min(1, "required").max(VERSION_NAME_MAX, "too_long").nullable(),
  })
  .strict();

/**
 * Agendas (issue 33): what changed per session and field between two versions, each change attributed
 * as the server recorded it. Values are the stored ones (instants, zone ids, language tags, lead and
 * document ids); the client formats them in the reader's language.
 */
export type AgendaHistoryField =
  | "title"
  | "start"
  | "end"
  | "zone"
  | "type"
  | "languages"
  | "interpretation"
  | "leads"
  | "place"
  | "link"
  | "track"
  | "documents"
  | "notes"
  | "workingHours"
  | "*";

export interface AgendaFieldChange {
  field: AgendaHistoryField;
  /** Absent where the field did not exist; notes as their text, one line per block. */
  before?: unknown;
  after?: unknown;
  by: HistoryAuthor[];
}

export interface AgendaHistoryChange {
  kind: "sessionAdded" | "sessionRemoved" | "sessionChanged" | "workingHoursChanged";
  /** The session's id, or the delegation's for working hours. */
  id: string;
  title: string;
  /** When and in which zone the session is (after the change; before it, for a removed session). */
  start: number | null;
  end: number | null;
  zone: string | null;
  fields: AgendaFieldChange[];
  /** Who made the change: the session's adder or remover, or everyone behind its changed fields. */
  by: HistoryAuthor[];
}

/** One session of an agenda version, as history lists it (read-only). */
export interface AgendaHistorySession {
  id: string;
  title: string;
  start: number;
  end: number;
  zone: string;
  type: string;
  place: string;
  track: string;
  languages: string[];
}
