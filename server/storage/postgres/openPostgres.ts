import pg from "pg";
import { migratePostgres } from "./migrations";

/** BIGINT columns (epoch milliseconds, log seqs, counts) as numbers: every value stays below 2^53. */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === pg.types.builtins.INT8 && format !== "binary") return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

export interface PostgresDatabase {
  pool: pg.Pool;
  close(): Promise<void>;
}

/**
 * A connection pool to `url`, migrated to the current schema. Errors on idle connections (the server
 * restarted, a network cut) are reported, not thrown: the pool opens a new connection for the next
 * query, and the query that meets a dead connection fails and is handled where it was made.
 */
export async function openPostgres(
  url: string,
  options: { max?: number; onIdleError?: (error: Error) => void } = {},
): Promise<PostgresDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // A query on a connection the network lost would otherwise wait for ever: a group commit then fails
    // (its rooms are dropped, their clients reconnect) instead of holding every change behind it.
    query_timeout: 30_000,
    keepAlive: true,
    application_name: "mutual",
  });
  pool.on("error", (error) => options.onIdleError?.(error));
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return { pool, close: () => pool.end() };
}

/** Runs `work` in one transaction on one pooled connection; rolled back when it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  begin = "BEGIN",
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    // A connection that cannot even roll back is dropped, not handed to the next query.
    await client.query("ROLLBACK").catch((rollback: Error) => {
      broken = rollback;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * The per-document lock an append holds until its commit and a compaction while it reads the log: a
 * document's seqs then become visible in the order they were taken, so a snapshot "through seq N" never
 * skips an update with a lower seq that another instance had not committed yet.
 */
export const DOCUMENT_LOCK_CLASS = 7347;
export const DOCUMENT_LOCK_SQL = `SELECT pg_advisory_xact_lock(${DOCUMENT_LOCK_CLASS}, hashtext($1))`;
