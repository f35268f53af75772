import type { DocumentStorage, JournalPosition, StoredDocument } from "../DocumentStorage";
import { decodeUpdateBatch } from "../journal/journalFormat";
import { toBytes } from "../rows/bytes";
import { prepareAppendTransaction } from "./appendTransaction";
import { prepareCompaction } from "./compaction";
import type { SqliteDatabase } from "./openSqliteDatabase";
import { sqliteHistory } from "./sqliteHistory";
import type { StorageWorker } from "./storageWorker";

/**
 * DocumentStorage on the embedded SQLite database (synchronous underneath, async at the interface).
 * With `worker`, batches of updates are committed and snapshots built on that worker's thread and
 * connection, so neither pauses the event loop; everything else runs here.
 */
export function createSqliteDocumentStorage(
  db: SqliteDatabase,
  options: { now?: () => number; worker?: StorageWorker } = {},
): DocumentStorage {
  const now = options.now ?? Date.now;
  const selectSnapshot = db.prepare<
    [string],
    { data: Buffer; through_seq: number; state_vector: Buffer | null }
  >("SELECT data, through_seq, state_vector FROM document_snapshots WHERE document_name = ?");
  const selectUpdatesAfter = db
    .prepare<[string, number], Buffer>(
      "SELECT data FROM document_updates WHERE document_name = ? AND seq > ? ORDER BY seq",
    )
    .pluck();
  const selectBindings = db.prepare<[string], { client_id: number; participant_id: string }>(
    "SELECT client_id, participant_id FROM client_bindings WHERE document_name = ?",
  );
  const countAfter = db
    .prepare<[string, number], number>(
      "SELECT COUNT(*) FROM document_updates WHERE document_name = ? AND seq > ?",
    )
    .pluck();

  const load = db.transaction((documentName: string): StoredDocument | null => {
    const snapshot = selectSnapshot.get(documentName);
    const updates = selectUpdatesAfter.all(documentName, snapshot?.through_seq ?? 0);
    if (!snapshot && updates.length === 0) return null;
    const bindings = new Map(
      selectBindings.all(documentName).map((row) => [row.client_id, row.participant_id]),
    );
    return {
      snapshot: snapshot ? toBytes(snapshot.data) : null,
      snapshotStateVector: snapshot?.state_vector ? toBytes(snapshot.state_vector) : null,
      updates: updates.map(toBytes),
      bindings,
    };
  });
  const selectJournalPosition = db.prepare<[], JournalPosition>(
    "SELECT applied_segment AS segment, applied_offset AS offset FROM journal_state WHERE id = 1",
  );
  const { worker } = options;
  const appendHere = worker ? null : prepareAppendTransaction(db);
  const compactHere = worker ? null : prepareCompaction(db);

  return {
    ...sqliteHistory(db),
    async loadDocument(documentName) {
      return load(documentName);
    },
    async appendUpdates(batch, journal) {
      if (batch.count === 0 && !journal) return;
      if (worker) await worker.append(batch, journal, now());
      else appendHere!(decodeUpdateBatch(batch), journal, now());
    },
    async appliedJournalPosition() {
      return selectJournalPosition.get() ?? { segment: 0, offset: 0 };
    },
    async compact(documentName) {
      return worker ? worker.compact(documentName, now()) : compactHere!(documentName, now());
    },
    async countUpdates(documentName) {
      return countAfter.get(documentName, selectSnapshot.get(documentName)?.through_seq ?? 0) ?? 0;
    },
    async close() {
      // The database handle is shared with the directory store; its owner closes it.
    },
  };
}
