import { describe } from "vitest";
import { openPostgres } from "../../server/storage/postgres/openPostgres";
import { createPostgresDirectoryStorage } from "../../server/storage/postgres/PostgresDirectoryStorage";
import { createTestDatabase, scaleoutAvailable } from "../support/scaleout";
import { directoryStorageContract } from "./directoryStorage.contract";

const ready = await scaleoutAvailable("PostgreSQL DirectoryStorage contract", ["postgres"]);

describe.skipIf(!ready)("PostgreSQL", () => {
  // Each test gets its own database, dropped after it.
  directoryStorageContract("PostgreSQL", async () => {
    const database = await createTestDatabase("directory");
    const db = await openPostgres(database.url, { max: 4 });
    return {
      open: async () => createPostgresDirectoryStorage(db.pool),
      async dispose() {
        await db.close();
        await database.drop();
      },
    };
  });
});
