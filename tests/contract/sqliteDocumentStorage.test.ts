import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AppendWorker, startAppendWorker } from "../../server/storage/sqlite/appendWorker";
import { openSqliteDatabase, type SqliteDatabase } from "../../server/storage/sqlite/openSqliteDatabase";
import { createSqliteDocumentStorage } from "../../server/storage/sqlite/SqliteDocumentStorage";
import { documentStorageContract } from "./documentStorage.contract";

function sqliteHarness(withWorker: boolean) {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), "mutual-sqlite-"));
    const file = join(dir, "mutual.db");
    let db: SqliteDatabase | null = null;
    let appendWorker: AppendWorker | undefined;
    const close = async () => {
      await appendWorker?.stop();
      db?.close();
    };
    const open = async () => {
      await close();
      db = openSqliteDatabase(file);
      appendWorker = withWorker ? startAppendWorker(file) : undefined;
      return createSqliteDocumentStorage(db, { appendWorker });
    };
    return {
      open,
      reopen: open,
      async dispose() {
        await close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  };
}

documentStorageContract("SQLite file", sqliteHarness(false));
documentStorageContract("SQLite file, batches committed by the append worker", sqliteHarness(true));
