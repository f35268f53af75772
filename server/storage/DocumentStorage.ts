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
  createdAt: number;
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
  /** The whole attributed log of a document, oldest first. */
  listUpdates(documentName: string): Promise<LoggedUpdate[]>;
  close(): Promise<void>;
}
