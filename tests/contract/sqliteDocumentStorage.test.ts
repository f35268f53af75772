import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteDatabase, type SqliteDatabase } from "../../server/storage/sqlite/openSqliteDatabase";
import { createSqliteDocumentStorage } from "../../server/storage/sqlite/SqliteDocumentStorage";
import { type StorageWorker, startStorageWorker } from "../../server/storage/sqlite/storageWorker";
import { documentStorageContract } from "./documentStorage.contract";

function sqliteHarness(withWorker: boolean) {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), "mutual-sqlite-"));
    const file = join(dir, "mutual.db");
    let db: SqliteDatabase | null = null;
    let worker: StorageWorker | undefined;
    const close = async () => {
      await worker?.stop();
      db?.close();
    };
    const open = async () => {
      await close();
      db = openSqliteDatabase(file);
      worker = withWorker ? startStorageWorker(file) : undefined;
      return createSqliteDocumentStorage(db, { worker });
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
documentStorageContract(
  "SQLite file, batches committed and snapshots built by the storage worker",
  sqliteHarness(true),
);
