import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteDatabase, type SqliteDatabase } from "../../server/storage/sqlite/openSqliteDatabase";
import { createSqliteDocumentStorage } from "../../server/storage/sqlite/SqliteDocumentStorage";
import { documentStorageContract } from "./documentStorage.contract";

documentStorageContract("SQLite file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "mutual-sqlite-"));
  const file = join(dir, "mutual.db");
  let db: SqliteDatabase | null = null;
  const open = async () => {
    db?.close();
    db = openSqliteDatabase(file);
    return createSqliteDocumentStorage(db);
  };
  return {
    open,
    reopen: open,
    async dispose() {
      db?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
