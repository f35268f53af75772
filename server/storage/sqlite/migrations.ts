import type Database from "better-sqlite3";

/** Ordered schema steps; the index + 1 is the schema version stored in `user_version`. Append only. */
const steps: readonly string[] = [
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
];

/** Runs the schema steps this database has not seen yet, each in its own transaction. */
export function migrate(db: Database.Database): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  for (let version = current; version < steps.length; version++) {
    db.transaction(() => {
      db.exec(steps[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
