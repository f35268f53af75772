import type pg from "pg";

/**
 * Ordered schema steps for PostgreSQL; the index + 1 is the schema version recorded in
 * `schema_migrations`. Append only. The tables mirror SQLite's (server/storage/sqlite/migrations.ts) at
 * the same point, column for column, so `npm run migrate` copies rows as they are: times are epoch
 * milliseconds (BIGINT), bytes BYTEA, JSON kept as the text SQLite holds.
 */
const steps: readonly string[] = [
  // Documents (update log with its attribution, snapshots, client-id bindings) and the directory,
  // as SQLite holds them after its version-history step (issue 32). journal_state serves a server that
  // runs PostgreSQL behind a local journal (DocumentStorage's contract); the scale-out server commits
  // changes before relaying them and leaves it at the start.
  `CREATE TABLE exchanges (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     description TEXT NOT NULL,
     time_zone TEXT NOT NULL,
     created_at BIGINT NOT NULL
   );
   CREATE TABLE delegations (
     id TEXT PRIMARY KEY,
     exchange_id TEXT NOT NULL REFERENCES exchanges (id),
     name TEXT NOT NULL,
     country TEXT NOT NULL,
     color TEXT NOT NULL,
     time_zone TEXT NOT NULL,
     working_language TEXT NOT NULL,
     created_at BIGINT NOT NULL
   );
   CREATE INDEX delegations_by_exchange ON delegations (exchange_id);
   CREATE TABLE browser_sessions (
     id TEXT PRIMARY KEY,
     created_at BIGINT NOT NULL,
     last_seen_at BIGINT NOT NULL
   );
   CREATE TABLE participants (
     id TEXT PRIMARY KEY,
     exchange_id TEXT NOT NULL REFERENCES exchanges (id),
     delegation_id TEXT REFERENCES delegations (id),
     session_id TEXT NOT NULL REFERENCES browser_sessions (id),
     display_name TEXT NOT NULL,
     role TEXT NOT NULL,
     ui_language TEXT NOT NULL,
     joined_at BIGINT NOT NULL,
     removed_at BIGINT
   );
   CREATE INDEX participants_by_exchange ON participants (exchange_id);
   CREATE INDEX participants_by_session ON participants (session_id);
   CREATE TABLE invites (
     id TEXT PRIMARY KEY,
     exchange_id TEXT NOT NULL REFERENCES exchanges (id),
     delegation_id TEXT REFERENCES delegations (id),
     role TEXT NOT NULL,
     expires_at BIGINT NOT NULL,
     max_uses INTEGER,
     uses INTEGER NOT NULL DEFAULT 0,
     revoked_at BIGINT,
     created_by TEXT NOT NULL REFERENCES participants (id),
     created_at BIGINT NOT NULL
   );
   CREATE INDEX invites_by_exchange ON invites (exchange_id);
   CREATE TABLE documents (
     id TEXT PRIMARY KEY,
     exchange_id TEXT NOT NULL REFERENCES exchanges (id),
     kind TEXT NOT NULL,
     title TEXT NOT NULL,
     created_by TEXT NOT NULL REFERENCES participants (id),
     created_at BIGINT NOT NULL,
     updated_at BIGINT NOT NULL,
     archived_at BIGINT
   );
   CREATE INDEX documents_by_exchange ON documents (exchange_id);
   CREATE TABLE document_updates (
     seq BIGSERIAL PRIMARY KEY,
     document_name TEXT NOT NULL,
     data BYTEA NOT NULL,
     created_at BIGINT NOT NULL,
     author TEXT,
     delegation_id TEXT
   );
   CREATE INDEX document_updates_by_document ON document_updates (document_name, seq);
   CREATE TABLE document_snapshots (
     document_name TEXT PRIMARY KEY,
     data BYTEA NOT NULL,
     updated_at BIGINT NOT NULL,
     through_seq BIGINT NOT NULL DEFAULT 0,
     state_vector BYTEA
   );
   CREATE TABLE client_bindings (
     document_name TEXT NOT NULL,
     client_id BIGINT NOT NULL,
     participant_id TEXT NOT NULL,
     bound_at BIGINT NOT NULL,
     delegation_id TEXT,
     PRIMARY KEY (document_name, client_id)
   );
   CREATE TABLE document_versions (
     id BIGSERIAL PRIMARY KEY,
     document_name TEXT NOT NULL,
     through_seq BIGINT NOT NULL,
     created_at BIGINT NOT NULL,
     kind TEXT NOT NULL,
     name TEXT,
     event TEXT,
     created_by TEXT,
     contributors TEXT NOT NULL,
     state_vector BYTEA NOT NULL,
     changes BYTEA NOT NULL
   );
   CREATE INDEX document_versions_by_document ON document_versions (document_name, id);
   CREATE TABLE history_checkpoints (
     id BIGSERIAL PRIMARY KEY,
     document_name TEXT NOT NULL,
     through_seq BIGINT NOT NULL,
     data BYTEA NOT NULL,
     created_at BIGINT NOT NULL
   );
   CREATE INDEX history_checkpoints_by_document ON history_checkpoints (document_name, through_seq);
   CREATE TABLE journal_state (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     applied_segment BIGINT NOT NULL,
     applied_offset BIGINT NOT NULL
   );
   INSERT INTO journal_state (id, applied_segment, applied_offset) VALUES (1, 0, 0);`,
  // Reflection templates (issue 30), as in SQLite.
  `CREATE TABLE templates (
     id TEXT PRIMARY KEY,
     exchange_id TEXT NOT NULL REFERENCES exchanges (id),
     definition TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     updated_at BIGINT NOT NULL
   );
   CREATE INDEX templates_by_exchange ON templates (exchange_id, created_at);
   ALTER TABLE documents ADD COLUMN template_id TEXT;`,
  // The key that derives session ids and invite tokens (server/auth/serverSecret.ts): every instance
  // must use the same one, so it lives in the database (a single server keeps it in its data directory).
  `CREATE TABLE server_secret (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     secret TEXT NOT NULL
   );`,
  // When a document's first facilitated run started, as in SQLite.
  `ALTER TABLE documents ADD COLUMN run_started_at BIGINT;
   UPDATE documents SET run_started_at = created_at WHERE template_id IS NOT NULL;`,
];

/** The schema version this code writes (tests and the migration tool check it). */
export const POSTGRES_SCHEMA_VERSION = steps.length;

/** Any number, the same in every instance: instances starting together migrate one after another. */
const MIGRATION_LOCK = 73_470_001;

/**
 * Runs the schema steps this database has not seen yet, each in its own transaction with its version
 * row. A session advisory lock makes instances that start at once wait for the first one's steps
 * instead of running them twice.
 */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version INTEGER PRIMARY KEY,
         applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ version: number | null }>(
      "SELECT MAX(version) AS version FROM schema_migrations",
    );
    const current = rows[0]?.version ?? 0;
    if (current > steps.length) {
      throw new Error(
        `database schema is version ${current}, newer than this server's ${steps.length}: upgrade the server`,
      );
    }
    for (let version = current; version < steps.length; version++) {
      await client.query("BEGIN");
      try {
        await client.query(steps[version]!);
        await client.query("INSERT INTO schema_migrations (version) VALUES ($1)", [version + 1]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
