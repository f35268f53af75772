import type pg from "pg";
import type { DocumentStorage, JournalPosition, UpdateRecord } from "../DocumentStorage";
import { decodeUpdateBatch } from "../journal/journalFormat";
import { toBytes } from "../rows/bytes";
import { DOCUMENT_LOCK_CLASS, inTransaction } from "./openPostgres";
import { postgresCompaction } from "./postgresCompaction";
import { postgresHistory } from "./postgresHistory";

const LOAD_IN_ONE_STATEMENT = `
  WITH snapshot AS (
    SELECT data, state_vector, through_seq FROM document_snapshots WHERE document_name = $1
  )
  SELECT 0 AS kind, 0::int8 AS seq, data, state_vector, NULL::int8 AS client_id, NULL::text AS participant_id
  FROM snapshot
  UNION ALL
  SELECT 1, seq, data, NULL, NULL, NULL FROM document_updates
  WHERE document_name = $1 AND seq > COALESCE((SELECT through_seq FROM snapshot), 0)
  UNION ALL
  SELECT 2, 0, NULL, NULL, client_id, participant_id FROM client_bindings WHERE document_name = $1
  ORDER BY kind, seq`;

/** How long a health check waits for PostgreSQL. */
const PING_TIMEOUT_MS = 2000;
/** Rows per INSERT statement (PostgreSQL takes at most 65,535 parameters in one). */
const ROWS_PER_INSERT = 1000;

/**
 * DocumentStorage on PostgreSQL, shared by every instance of a scale-out deployment. All I/O is
 * asynchronous on the pool's connections; merging a snapshot is done on a worker thread
 * (`postgresCompaction`). A scale-out server keeps no local journal: a batch is durable once its
 * transaction commits (server/storage/durability), and the journal position stays at the start.
 */
export function createPostgresDocumentStorage(
  pool: pg.Pool,
  options: { now?: () => number; mergeOffThread?: boolean } = {},
): DocumentStorage & { ping(): Promise<void> } {
  const now = options.now ?? Date.now;
  const compaction = postgresCompaction(pool, { offThread: options.mergeOffThread ?? true });

  return {
    ...postgresHistory(pool),
    async loadDocument(documentName) {
      // One statement, so one snapshot of the database (the snapshot row and the log after it agree)
      // in one round trip: rows of kind 0 (the snapshot), 1 (the log after it, in order), 2 (bindings).
      const { rows } = await pool.query<{
        kind: number;
        data: Buffer | null;
        state_vector: Buffer | null;
        client_id: number | null;
        participant_id: string | null;
      }>(LOAD_IN_ONE_STATEMENT, [documentName]);
      let snapshot: Uint8Array | null = null;
      let snapshotStateVector: Uint8Array | null = null;
      const updates: Uint8Array[] = [];
      const bindings = new Map<number, string>();
      for (const row of rows) {
        if (row.kind === 0) {
          snapshot = toBytes(row.data!);
          snapshotStateVector = row.state_vector ? toBytes(row.state_vector) : null;
        } else if (row.kind === 1) updates.push(toBytes(row.data!));
        else bindings.set(row.client_id!, row.participant_id!);
      }
      if (!snapshot && updates.length === 0) return null;
      return { snapshot, snapshotStateVector, updates, bindings };
    },
    async appendUpdates(batch, journal?: JournalPosition) {
      if (batch.count === 0 && !journal) return;
      const records = decodeUpdateBatch(batch);
      // The group commit's path: one statement, one round trip (see APPEND_IN_ONE_STATEMENT).
      if (!journal) {
        await pool.query(APPEND_IN_ONE_STATEMENT, appendParameters(records, now()));
        return;
      }
      await inTransaction(pool, async (client) => {
        // Row values compare (segment, offset) in order: the position never goes backwards.
        if (journal) {
          await client.query(
            `UPDATE journal_state SET applied_segment = $1, applied_offset = $2
             WHERE id = 1 AND (applied_segment, applied_offset) < ($1, $2)`,
            [journal.segment, journal.offset],
          );
        }
        await appendRecords(client, records, now());
      });
    },
    async appliedJournalPosition() {
      const { rows } = await pool.query<JournalPosition>(
        "SELECT applied_segment AS segment, applied_offset AS offset FROM journal_state WHERE id = 1",
      );
      return rows[0] ?? { segment: 0, offset: 0 };
    },
    compact: (documentName) => compaction.compact(documentName, now()),
    async countUpdates(documentName) {
      const { rows } = await pool.query<{ count: number }>(
        `SELECT COUNT(*)::int8 AS count FROM document_updates
         WHERE document_name = $1
           AND seq > COALESCE((SELECT through_seq FROM document_snapshots WHERE document_name = $1), 0)`,
        [documentName],
      );
      return rows[0]?.count ?? 0;
    },
    async ping() {
      // Fails within PING_TIMEOUT_MS (the health endpoint and the degraded mode ask), whatever the pool's timeouts.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`PostgreSQL did not answer in ${PING_TIMEOUT_MS} ms`)),
          PING_TIMEOUT_MS,
        );
      });
      try {
        await Promise.race([pool.query("SELECT 1"), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await compaction.close();
      // The pool is shared with the directory store; its owner ends it.
    },
  };
}

/**
 * A batch appended by one statement (its own transaction): the group commit waits for it before
 * relaying, and BEGIN, lock, insert, insert, COMMIT as separate statements were five round trips, each
 * also waiting its turn on a busy event loop. The documents' locks are taken first, in name order
 * (each insert's rows are produced only after `locks` was counted in full); rows are inserted in
 * their order, so seqs follow the records'; the author's delegation is read in the same statement
 * (history keeps the delegation an author had when writing).
 */
const APPEND_IN_ONE_STATEMENT = `
  WITH locks AS (
    SELECT pg_advisory_xact_lock(${DOCUMENT_LOCK_CLASS}, hashtext(l.name))
    FROM unnest($1::text[]) WITH ORDINALITY AS l(name, position) ORDER BY l.position
  ), updates AS (
    INSERT INTO document_updates (document_name, data, author, created_at, delegation_id)
    SELECT u.name, u.data, u.author, $5, (SELECT delegation_id FROM participants WHERE id = u.author)
    FROM unnest($2::text[], $3::bytea[], $4::text[]) WITH ORDINALITY AS u(name, data, author, position)
    WHERE (SELECT count(*) FROM locks) > 0
    ORDER BY u.position
    RETURNING 1
  ), bindings AS (
    INSERT INTO client_bindings (document_name, client_id, participant_id, bound_at, delegation_id)
    SELECT b.name, b.client_id, b.participant, $5, (SELECT delegation_id FROM participants WHERE id = b.participant)
    FROM unnest($6::text[], $7::int8[], $8::text[]) AS b(name, client_id, participant)
    WHERE (SELECT count(*) FROM locks) > 0
    ON CONFLICT (document_name, client_id) DO NOTHING
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM updates) AS updates, (SELECT count(*) FROM bindings) AS bindings`;

function appendParameters(records: readonly UpdateRecord[], at: number): unknown[] {
  const bindings = records.flatMap((record) =>
    record.author ? (record.newClientIds ?? []).map((clientId) => ({ record, clientId })) : [],
  );
  return [
    [...new Set(records.map((record) => record.documentName))].sort(),
    records.map((record) => record.documentName),
    records.map((record) => record.update),
    records.map((record) => record.author),
    at,
    bindings.map(({ record }) => record.documentName),
    bindings.map(({ clientId }) => clientId),
    bindings.map(({ record }) => record.author),
  ];
}

/**
 * Appends records in their order, with their client-id bindings, inside the caller's transaction.
 * Each document's lock is taken first, in name order (two instances appending to the same documents
 * never wait for each other in a circle), and held until the commit.
 */
export async function appendRecords(
  client: pg.PoolClient,
  records: readonly UpdateRecord[],
  at: number,
): Promise<void> {
  const documents = [...new Set(records.map((record) => record.documentName))].sort();
  // One round trip: a function scan yields the array's rows in order, each lock taken as its row is.
  await client.query(
    `SELECT pg_advisory_xact_lock(${DOCUMENT_LOCK_CLASS}, hashtext(name))
     FROM unnest($1::text[]) WITH ORDINALITY AS t(name, position) ORDER BY position`,
    [documents],
  );
  for (let start = 0; start < records.length; start += ROWS_PER_INSERT) {
    const chunk = records.slice(start, start + ROWS_PER_INSERT);
    const values: unknown[] = [at];
    // VALUES rows are inserted in order, so seqs follow the records' order. The author's delegation is
    // read in the same transaction: history keeps the delegation an author had when writing.
    const rows = chunk.map((record) => {
      values.push(record.documentName, record.update, record.author);
      const n = values.length;
      return `($${n - 2}, $${n - 1}, $${n}, $1, (SELECT delegation_id FROM participants WHERE id = $${n}))`;
    });
    await client.query(
      `INSERT INTO document_updates (document_name, data, author, created_at, delegation_id) VALUES ${rows.join(", ")}`,
      values,
    );
  }
  const bindings = records.flatMap((record) =>
    record.author ? (record.newClientIds ?? []).map((clientId) => ({ record, clientId })) : [],
  );
  for (let start = 0; start < bindings.length; start += ROWS_PER_INSERT) {
    const chunk = bindings.slice(start, start + ROWS_PER_INSERT);
    const values: unknown[] = [at];
    const rows = chunk.map(({ record, clientId }) => {
      values.push(record.documentName, clientId, record.author);
      const n = values.length;
      return `($${n - 2}, $${n - 1}, $${n}, $1, (SELECT delegation_id FROM participants WHERE id = $${n}))`;
    });
    await client.query(
      `INSERT INTO client_bindings (document_name, client_id, participant_id, bound_at, delegation_id)
       VALUES ${rows.join(", ")} ON CONFLICT (document_name, client_id) DO NOTHING`,
      values,
    );
  }
}
