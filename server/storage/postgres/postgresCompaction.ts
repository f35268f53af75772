import type pg from "pg";
import type { CompactionResult } from "../DocumentStorage";
import { type Merger, mergeHere, startMergeWorker } from "./mergeWorker";
import { DOCUMENT_LOCK_SQL, inTransaction } from "./openPostgres";

/**
 * Builds a document's snapshot from what PostgreSQL holds: the stored snapshot and the log after it,
 * read under the document's lock (so no update with a lower seq is still uncommitted), merged on a
 * worker thread, then recorded unless a snapshot covering more of the log was recorded meanwhile.
 * The log is kept: it is the document's history.
 */
export function postgresCompaction(pool: pg.Pool, options: { offThread: boolean }) {
  const merger: Merger = options.offThread ? startMergeWorker() : mergeHere;
  return {
    async compact(documentName: string, at: number): Promise<CompactionResult | null> {
      const { snapshot, updates } = await inTransaction(pool, async (client) => {
        await client.query(DOCUMENT_LOCK_SQL, [documentName]);
        const snapshot = (
          await client.query<{ data: Buffer; through_seq: number }>(
            "SELECT data, through_seq FROM document_snapshots WHERE document_name = $1",
            [documentName],
          )
        ).rows[0];
        const updates = (
          await client.query<{ seq: number; data: Buffer }>(
            "SELECT seq, data FROM document_updates WHERE document_name = $1 AND seq > $2 ORDER BY seq",
            [documentName, snapshot?.through_seq ?? 0],
          )
        ).rows;
        return { snapshot, updates };
      });
      const last = updates.at(-1);
      if (!last) return snapshot ? { updates: 0, bytes: snapshot.data.byteLength } : null;
      const logged = updates.map((row) => row.data);
      const { update, stateVector } = await merger.merge(snapshot ? [snapshot.data, ...logged] : logged);
      await pool.query(
        `INSERT INTO document_snapshots (document_name, data, state_vector, updated_at, through_seq)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (document_name) DO UPDATE
         SET data = excluded.data, state_vector = excluded.state_vector, updated_at = excluded.updated_at,
             through_seq = excluded.through_seq
         WHERE excluded.through_seq > document_snapshots.through_seq`,
        [documentName, update, stateVector, at, last.seq],
      );
      return { updates: updates.length, bytes: update.byteLength };
    },
    close: () => merger.stop(),
  };
}
