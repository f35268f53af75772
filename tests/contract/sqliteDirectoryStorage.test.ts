import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteDatabase } from "../../server/storage/sqlite/openSqliteDatabase";
import { createSqliteDirectoryStorage } from "../../server/storage/sqlite/SqliteDirectoryStorage";
import { directoryStorageContract } from "./directoryStorage.contract";

directoryStorageContract("SQLite file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "mutual-directory-"));
  const db = openSqliteDatabase(join(dir, "mutual.db"));
  return {
    open: async () => createSqliteDirectoryStorage(db),
    async dispose() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
