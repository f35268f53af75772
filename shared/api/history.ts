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
  kind: "insert" | "delete";
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
}

export interface VersionState extends HistoryDirectory {
  version: VersionSummary;
  /** The document's Yjs state at the version (deleted content collected), base64. */
  state: string;
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
