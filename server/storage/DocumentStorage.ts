/** What storage holds for one document: an optional compacted snapshot plus the updates logged after it. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
}

/** One Yjs update to append to a document's log. */
export interface UpdateRecord {
  documentName: string;
  update: Uint8Array;
}

/**
 * Persistence of live documents. Implementations: SQLite (default, embedded) and, for scale-out,
 * PostgreSQL. Every implementation passes tests/contract/documentStorage.contract.ts.
 */
export interface DocumentStorage {
  /** The stored state of a document, or null if nothing was ever stored for it. */
  loadDocument(documentName: string): Promise<StoredDocument | null>;
  /** Appends updates, possibly for several documents, atomically (one group commit). */
  appendUpdates(records: readonly UpdateRecord[]): Promise<void>;
  /**
   * Replaces the stored log of a document by one snapshot. `snapshot` must contain every update
   * stored so far for that document (the caller encodes it after applying them all).
   */
  compact(documentName: string, snapshot: Uint8Array): Promise<void>;
  /** Number of logged (not yet compacted) updates of a document. */
  countUpdates(documentName: string): Promise<number>;
  close(): Promise<void>;
}
