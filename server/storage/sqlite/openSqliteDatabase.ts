import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { migrate } from "./migrations";

export type SqliteDatabase = Database.Database;

/** Opens (creating if needed) the embedded database file in WAL mode and brings its schema up to date. */
export function openSqliteDatabase(file: string): SqliteDatabase {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  // Small pages for a new file: each commit rewrites whole pages, and a batch of updates is a few KB
  // (ignored for an existing file, whose page size is fixed).
  db.pragma("page_size = 1024");
  db.pragma("journal_mode = WAL");
  // NORMAL in WAL mode: a commit survives a process kill; only an OS crash can lose the last commits.
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return db;
}
