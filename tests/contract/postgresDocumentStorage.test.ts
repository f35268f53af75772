import { describe } from "vitest";
import { openPostgres, type PostgresDatabase } from "../../server/storage/postgres/openPostgres";
import { createPostgresDocumentStorage } from "../../server/storage/postgres/PostgresDocumentStorage";
import { createTestDatabase, scaleoutAvailable } from "../support/scaleout";
import { documentStorageContract } from "./documentStorage.contract";

const ready = await scaleoutAvailable("PostgreSQL DocumentStorage contract", ["postgres"]);

/** Each test gets its own database, dropped after it; reopening is a new pool on the same database. */
function postgresHarness(mergeOffThread: boolean) {
  return async () => {
    const database = await createTestDatabase("documents");
    let db: PostgresDatabase | null = null;
    const close = async () => {
      await db?.close();
      db = null;
    };
    const open = async () => {
      await close();
      db = await openPostgres(database.url, { max: 4 });
      return createPostgresDocumentStorage(db.pool, { mergeOffThread });
    };
    return {
      open,
      reopen: open,
      async dispose() {
        await close();
        await database.drop();
      },
    };
  };
}

describe.skipIf(!ready)("PostgreSQL", () => {
  documentStorageContract("PostgreSQL", postgresHarness(false));
  documentStorageContract("PostgreSQL, snapshots merged on the merge worker", postgresHarness(true));
});
