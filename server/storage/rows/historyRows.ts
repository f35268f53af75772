import type {
  ClientBinding,
  DocumentStorage,
  HistoryCheckpoint,
  LoggedUpdate,
  NewVersion,
  StoredVersion,
  VersionKind,
} from "../DocumentStorage";
import { toBytes } from "./bytes";

/** The history half of DocumentStorage (issue 32), which each backend implements in its own module. */
export type HistoryMethods = Pick<
  DocumentStorage,
  | "listUpdates"
  | "lastSeq"
  | "logBytes"
  | "listBindings"
  | "addVersion"
  | "listVersions"
  | "getVersion"
  | "countVersions"
  | "versionChanges"
  | "renameVersion"
  | "addCheckpoint"
  | "findCheckpoint"
  | "checkpointSize"
>;

/** An open upper bound for seqs and ids (both databases hold larger integers). */
export const END = Number.MAX_SAFE_INTEGER;

export interface LogRow {
  seq: number;
  data: Buffer;
  author: string | null;
  delegation_id: string | null;
  created_at: number;
}

export const toLoggedUpdate = (row: LogRow): LoggedUpdate => ({
  seq: row.seq,
  update: toBytes(row.data),
  author: row.author,
  delegationId: row.delegation_id,
  createdAt: row.created_at,
});

export interface BindingRow {
  client_id: number;
  participant_id: string;
  delegation_id: string | null;
}

export const toBinding = (row: BindingRow): ClientBinding => ({
  clientId: row.client_id,
  participantId: row.participant_id,
  delegationId: row.delegation_id,
});

/** The columns a version is read with (its changes are read on their own). */
export const VERSION_COLUMNS =
  "id, document_name, through_seq, created_at, kind, name, event, created_by, contributors, state_vector";

export interface VersionRow {
  id: number;
  document_name: string;
  through_seq: number;
  created_at: number;
  kind: string;
  name: string | null;
  event: string | null;
  created_by: string | null;
  contributors: string;
  state_vector: Buffer;
}

export function toVersion(row: VersionRow): StoredVersion {
  return {
    id: row.id,
    documentName: row.document_name,
    throughSeq: row.through_seq,
    createdAt: row.created_at,
    kind: row.kind as VersionKind,
    name: row.name,
    event: row.event ? (JSON.parse(row.event) as Record<string, unknown>) : null,
    createdBy: row.created_by,
    contributors: JSON.parse(row.contributors) as StoredVersion["contributors"],
    stateVector: toBytes(row.state_vector),
  };
}

/** A new version's JSON columns, as the text both databases keep. */
export const versionJson = (version: NewVersion) => ({
  event: version.event ? JSON.stringify(version.event) : null,
  contributors: JSON.stringify(version.contributors),
});

/** The version as stored under `id`: its changes are kept but not part of a StoredVersion. */
export function storedVersion(version: NewVersion, id: number): StoredVersion {
  const { changes: _changes, ...stored } = version;
  return { ...stored, id };
}

export const toCheckpoint = (row: { through_seq: number; data: Buffer }): HistoryCheckpoint => ({
  throughSeq: row.through_seq,
  data: toBytes(row.data),
});
