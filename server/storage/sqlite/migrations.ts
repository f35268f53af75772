import type Database from "better-sqlite3";

/** Ordered schema steps; the index + 1 is the schema version stored in `user_version`. Append only. */
export const steps: readonly string[] = [
  `CREATE TABLE document_updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     document_name TEXT NOT NULL,
     data BLOB NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX document_updates_by_document ON document_updates (document_name, seq);
   CREATE TABLE document_snapshots (
     document_name TEXT PRIMARY KEY,
     data BLOB NOT NULL,
     updated_at INTEGER NOT NULL
   );`,
  // Exchanges: the unit of access. Every stored update records the participant whose connection sent it,
  // and the log is kept after compaction (the snapshot records how far it covers): it is the history.
  `CREATE TABLE exchanges (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     description TEXT NOT NULL,
     time_zone TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE delegations (
     id TEXT PRIMARY KEY,
     exchange_id TEXT NOT NULL REFERENCES exchanges (id),
     name TEXT NOT NULL,
     country TEXT NOT NULL,
     color TEXT NOT NULL,
     time_zone TEXT NOT NULL,
     working_language TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX delegations_by_exchange ON delegations (exchange_id);
   CREATE TABLE browser_sessions (
     id TEXT PRIMARY KEY,
     created_at INTEGER NOT NULL,
     last_seen_at INTEGER NOT NULL
   );
   CREATE TABLE participants (
     id TEXT PRIMARY KEY,
     exchange_id TEXT NOT NULL REFERENCES exchanges (id),
     delegation_id TEXT REFERENCES delegations (id),
     session_id TEXT NOT NULL REFERENCES browser_sessions (id),
     display_name TEXT NOT NULL,
     role TEXT NOT NULL,
     ui_language TEXT NOT NULL,
     joined_at INTEGER NOT NULL,
     removed_at INTEGER
   );
   CREATE INDEX participants_by_exchange ON participants (exchange_id);
   CREATE INDEX participants_by_session ON participants (session_id);
   CREATE TABLE invites (
     id TEXT PRIMARY KEY,
     exchange_id TEXT NOT NULL REFERENCES exchanges (id),
     delegation_id TEXT REFERENCES delegations (id),
     role TEXT NOT NULL,
     expires_at INTEGER NOT NULL,
     max_uses INTEGER,
     uses INTEGER NOT NULL DEFAULT 0,
     revoked_at INTEGER,
     created_by TEXT NOT NULL REFERENCES participants (id),
     created_at INTEGER NOT NULL
   );
   CREATE INDEX invites_by_exchange ON invites (exchange_id);
   CREATE TABLE documents (
     id TEXT PRIMARY KEY,
     exchange_id TEXT NOT NULL REFERENCES exchanges (id),
     kind TEXT NOT NULL,
     title TEXT NOT NULL,
     created_by TEXT NOT NULL REFERENCES participants (id),
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     archived_at INTEGER
   );
   CREATE INDEX documents_by_exchange ON documents (exchange_id);
   CREATE TABLE client_bindings (
     document_name TEXT NOT NULL,
     client_id INTEGER NOT NULL,
     participant_id TEXT NOT NULL,
     bound_at INTEGER NOT NULL,
     PRIMARY KEY (document_name, client_id)
   ) WITHOUT ROWID;
   ALTER TABLE document_updates ADD COLUMN author TEXT;
   ALTER TABLE document_snapshots ADD COLUMN through_seq INTEGER NOT NULL DEFAULT 0;`,
  // The snapshot's state vector, so a loaded room can greet clients without decoding the snapshot.
  "ALTER TABLE document_snapshots ADD COLUMN state_vector BLOB;",
  // Without AUTOINCREMENT a commit no longer rewrites the sqlite_sequence page (rows are never deleted,
  // so rowids still only grow): one page less written per group commit.
  `CREATE TABLE document_updates_v2 (
     seq INTEGER PRIMARY KEY,
     document_name TEXT NOT NULL,
     data BLOB NOT NULL,
     created_at INTEGER NOT NULL,
     author TEXT
   );
   INSERT INTO document_updates_v2 (seq, document_name, data, created_at, author)
     SELECT seq, document_name, data, created_at, author FROM document_updates;
   DROP TABLE document_updates;
   ALTER TABLE document_updates_v2 RENAME TO document_updates;
   CREATE INDEX document_updates_by_document ON document_updates (document_name, seq);`,
  // How far the update journal has reached the database: segments up to this one are held here.
  `CREATE TABLE journal_state (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     applied_segment INTEGER NOT NULL
   );
   INSERT INTO journal_state (id, applied_segment) VALUES (1, 0);`,
  // Batches reach the database many times a second within one journal segment: a position, not a segment.
  "ALTER TABLE journal_state ADD COLUMN applied_offset INTEGER NOT NULL DEFAULT 0;",
  // Version history (issue 32). Each logged update and each client-id binding records the delegation its
  // participant had when it was written (filled from the directory in the same transaction), so
  // attribution keeps the delegation at the time of writing. Rows written before this step get the
  // delegation their participant has now. Versions are points in the log (with the attributed changes
  // since the previous one); checkpoints are whole states kept now and then so a version renders fast.
  `ALTER TABLE document_updates ADD COLUMN delegation_id TEXT;
   ALTER TABLE client_bindings ADD COLUMN delegation_id TEXT;
   UPDATE document_updates SET delegation_id =
     (SELECT delegation_id FROM participants WHERE participants.id = document_updates.author);
   UPDATE client_bindings SET delegation_id =
     (SELECT delegation_id FROM participants WHERE participants.id = client_bindings.participant_id);
   CREATE TABLE document_versions (
     id INTEGER PRIMARY KEY,
     document_name TEXT NOT NULL,
     through_seq INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     kind TEXT NOT NULL,
     name TEXT,
     event TEXT,
     created_by TEXT,
     contributors TEXT NOT NULL,
     state_vector BLOB NOT NULL,
     changes BLOB NOT NULL
   );
   CREATE INDEX document_versions_by_document ON document_versions (document_name, id);
   CREATE TABLE history_checkpoints (
     id INTEGER PRIMARY KEY,
     document_name TEXT NOT NULL,
     through_seq INTEGER NOT NULL,
     data BLOB NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX history_checkpoints_by_document ON history_checkpoints (document_name, through_seq);`,
  // Reflection templates (issue 30): an exchange's own templates, each one JSON definition (the shared zod
  // format, validated before it is stored); a document remembers the template it was made from (its content
  // holds its own copy of the definition, so deleting a template here never changes a document).
  `CREATE TABLE templates (
     id TEXT PRIMARY KEY,
     exchange_id TEXT NOT NULL REFERENCES exchanges (id),
     definition TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE INDEX templates_by_exchange ON templates (exchange_id, created_at);
   ALTER TABLE documents ADD COLUMN template_id TEXT;`,
  // When a document's first facilitated run started: the exchange page reads runs' actions from those
  // documents only. Templated documents made before may have had runs: they count as having had one.
  `ALTER TABLE documents ADD COLUMN run_started_at INTEGER;
   UPDATE documents SET run_started_at = created_at WHERE template_id IS NOT NULL;`,
];

/** Runs the schema steps this database has not seen yet, each in its own transaction (`upTo`: tests stop early). */
export function migrate(db: Database.Database, upTo = steps.length): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  for (let version = current; version < upTo; version++) {
    db.transaction(() => {
      db.exec(steps[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
