/** What storage holds for one document: an optional compacted snapshot plus the updates logged after it. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  /** The snapshot's state vector, when it was stored with it. */
  snapshotStateVector: Uint8Array | null;
  updates: Uint8Array[];
  /** Which participant each Yjs client id of this document belongs to. */
  bindings: Map<number, string>;
}

/** One Yjs update to append to a document's log, with the participant whose connection sent it. */
export interface UpdateRecord {
  documentName: string;
  update: Uint8Array;
  author: string | null;
  /** Yjs client ids this update is the first to use; bound to `author` in the same transaction. */
  newClientIds?: readonly number[];
}

/**
 * Update records to append, in the update journal's encoding (`journal/journalFormat.ts`): the bytes
 * the journal wrote go to the database as they are. A record object held per change until its batch
 * was written (with the socket buffer its update pointed into) outlived young-generation collections:
 * at 1,000 changes/s each collection copied ~110 KB instead of ~70 KB and paused the event loop longer.
 */
export interface UpdateBatch {
  /** The records, one after another. */
  bytes: Uint8Array;
  count: number;
}

/** A point in the update journal (`server/storage/journal/`): every record before it. */
export interface JournalPosition {
  segment: number;
  offset: number;
}

/** What a compaction took in: the logged updates the new snapshot covers beyond the old one, and its size. */
export interface CompactionResult {
  updates: number;
  bytes: number;
}

/** One entry of a document's log, as history and attribution read it. */
export interface LoggedUpdate {
  seq: number;
  update: Uint8Array;
  author: string | null;
  /** The delegation the author had when the update was stored (null: none, or no author). */
  delegationId: string | null;
  createdAt: number;
}

/** Which participant a Yjs client id of a document belongs to, and that participant's delegation when bound. */
export interface ClientBinding {
  clientId: number;
  participantId: string;
  delegationId: string | null;
}

/** A range of a document's log: updates with afterSeq < seq <= throughSeq (either bound optional). */
export interface LogRange {
  afterSeq?: number;
  throughSeq?: number;
}

export type VersionKind = "auto" | "named" | "restore" | "run-event";

/** A version: a point in the attributed log (everything logged through `throughSeq`), never a copy. */
export interface StoredVersion {
  id: number;
  documentName: string;
  throughSeq: number;
  createdAt: number;
  kind: VersionKind;
  name: string | null;
  /** Kind-specific detail, as JSON: the run event, or the version a restore went back to. */
  event: Record<string, unknown> | null;
  /** The participant who asked for it (named, restore); null when the server made it. */
  createdBy: string | null;
  /** Who changed the document since the previous version ("" participant: anonymous). */
  contributors: Array<{ participantId: string | null; delegationId: string | null }>;
  /** The document's Yjs state vector at this version. */
  stateVector: Uint8Array;
}

export type NewVersion = Omit<StoredVersion, "id"> & {
  /** The attributed changes since the previous version (server/history/changeRanges.ts). */
  changes: Uint8Array;
};

/** A whole history state (deleted content kept) through a point of the log, to render versions fast. */
export interface HistoryCheckpoint {
  throughSeq: number;
  data: Uint8Array;
}

/**
 * Persistence of live documents. Implementations: SQLite (default, embedded) and, for scale-out,
 * PostgreSQL. Every implementation passes tests/contract/documentStorage.contract.ts.
 */
export interface DocumentStorage {
  /** The stored state of a document, or null if nothing was ever stored for it. */
  loadDocument(documentName: string): Promise<StoredDocument | null>;
  /**
   * Appends updates, possibly for several documents, atomically (one transaction). `journal`: these are
   * the update journal's records up to that position, recorded in the same transaction.
   */
  appendUpdates(batch: UpdateBatch, journal?: JournalPosition): Promise<void>;
  /** How far the update journal has reached storage ({ segment: 0, offset: 0 } when not at all). */
  appliedJournalPosition(): Promise<JournalPosition>;
  /**
   * Builds a snapshot from everything stored for the document (the previous snapshot and the log after
   * it) and records it, so that loading starts from it; null when nothing is stored. The log itself is
   * kept: it is the attributed history. Storage builds it rather than the caller, because building it
   * from the live document blocked the event loop for as long as encoding the document took.
   */
  compact(documentName: string): Promise<CompactionResult | null>;
  /** Number of logged updates not yet covered by the snapshot. */
  countUpdates(documentName: string): Promise<number>;
  /** The attributed log of a document (or a range of it), oldest first. */
  listUpdates(documentName: string, range?: LogRange): Promise<LoggedUpdate[]>;
  /** The seq of the document's last logged update (0 when none). */
  lastSeq(documentName: string): Promise<number>;
  /** Bytes of the log in a range (history decides when to keep a checkpoint). */
  logBytes(documentName: string, range?: LogRange): Promise<number>;
  /** Every client-id binding of the document, with the delegation at binding time. */
  listBindings(documentName: string): Promise<ClientBinding[]>;

  // Version history (issue 32): versions are points in the log, kept for ever like the log itself.
  addVersion(version: NewVersion): Promise<StoredVersion>;
  /** Newest first; `beforeId` pages back. */
  listVersions(documentName: string, page: { beforeId?: number; limit: number }): Promise<StoredVersion[]>;
  getVersion(documentName: string, id: number): Promise<StoredVersion | null>;
  countVersions(documentName: string): Promise<number>;
  /** The attributed changes of the versions whose point lies in the range, oldest first. */
  versionChanges(documentName: string, range: LogRange): Promise<Uint8Array[]>;
  /** Names (or with null unnames) a version; false when there is no such version. */
  renameVersion(documentName: string, id: number, name: string | null): Promise<boolean>;
  addCheckpoint(documentName: string, checkpoint: HistoryCheckpoint, at: number): Promise<void>;
  /** The latest checkpoint at or before `throughSeq` (the latest of all without it). */
  findCheckpoint(documentName: string, throughSeq?: number): Promise<HistoryCheckpoint | null>;
  /** Where the checkpoint `findCheckpoint` would give stands, and its size, without reading it. */
  checkpointSize(
    documentName: string,
    throughSeq?: number,
  ): Promise<{ throughSeq: number; bytes: number } | null>;
  close(): Promise<void>;
}
