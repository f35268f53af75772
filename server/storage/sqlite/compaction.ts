import type { CompactionResult } from "../DocumentStorage";
import { mergeStoredUpdates } from "../mergeStoredUpdates";
import type { SqliteDatabase } from "./openSqliteDatabase";

/** Builds a document's snapshot from what the database holds and records it (see `prepareCompaction`). */
export type Compaction = (documentName: string, at: number) => CompactionResult | null;

/**
 * The one way a snapshot is made, on whichever connection runs it: the event loop's (tests,
 * `:memory:`) or the storage worker's. It is built from the stored snapshot and the log after it, so
 * it holds exactly what the log holds through the last update read, whatever the live room holds
 * besides. Encoding the 754 KB bench document from the live room took 13.7 ms of the event loop.
 */
export function prepareCompaction(db: SqliteDatabase): Compaction {
  const selectSnapshot = db.prepare<[string], { data: Buffer; through_seq: number }>(
    "SELECT data, through_seq FROM document_snapshots WHERE document_name = ?",
  );
  const selectUpdatesAfter = db.prepare<[string, number], { seq: number; data: Buffer }>(
    "SELECT seq, data FROM document_updates WHERE document_name = ? AND seq > ? ORDER BY seq",
  );
  // A snapshot never replaces one that covers more of the log (another connection's compaction).
  const upsertSnapshot = db.prepare<[string, Uint8Array, Uint8Array, number, number]>(
    `INSERT INTO document_snapshots (document_name, data, state_vector, updated_at, through_seq)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (document_name) DO UPDATE
     SET data = excluded.data, state_vector = excluded.state_vector, updated_at = excluded.updated_at,
         through_seq = excluded.through_seq
     WHERE excluded.through_seq > document_snapshots.through_seq`,
  );
  // One read transaction: the log after the snapshot, as of the snapshot read.
  const read = db.transaction((documentName: string) => {
    const snapshot = selectSnapshot.get(documentName);
    return { snapshot, updates: selectUpdatesAfter.all(documentName, snapshot?.through_seq ?? 0) };
  });

  return (documentName, at) => {
    const { snapshot, updates } = read(documentName);
    const last = updates.at(-1);
    if (!last) return snapshot ? { updates: 0, bytes: snapshot.data.byteLength } : null;
    const logged = updates.map((row) => row.data);
    const { update, stateVector } = mergeStoredUpdates(snapshot ? [snapshot.data, ...logged] : logged);
    upsertSnapshot.run(documentName, update, stateVector, at, last.seq);
    return { updates: updates.length, bytes: update.byteLength };
  };
}
