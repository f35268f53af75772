import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { migratePostgres, POSTGRES_SCHEMA_VERSION } from "../../server/storage/postgres/migrations";
import { createTestDatabase, scaleoutAvailable, type TestDatabase } from "../support/scaleout";

const ready = await scaleoutAvailable("PostgreSQL schema migrations", ["postgres"]);

let database: TestDatabase | null = null;
const pools: pg.Pool[] = [];
afterEach(async () => {
  for (const pool of pools.splice(0)) await pool.end();
  await database?.drop();
  database = null;
});

function pool(url: string): pg.Pool {
  const opened = new pg.Pool({ connectionString: url, max: 2 });
  pools.push(opened);
  return opened;
}

describe.skipIf(!ready)("PostgreSQL schema migrations", () => {
  it("runs each step once when several instances start on an empty database at the same time", async () => {
    database = await createTestDatabase("migrations");
    const instances = [pool(database.url), pool(database.url), pool(database.url)];
    await Promise.all(instances.map((instance) => migratePostgres(instance)));
    await migratePostgres(instances[0]!);
    const { rows } = await instances[0]!.query<{ version: number }>(
      "SELECT version FROM schema_migrations ORDER BY version",
    );
    expect(rows.map((row) => row.version)).toEqual(
      Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, index) => index + 1),
    );
  });

  it("refuses to run against a database migrated by a newer server", async () => {
    database = await createTestDatabase("migrations");
    const instance = pool(database.url);
    await migratePostgres(instance);
    await instance.query("INSERT INTO schema_migrations (version) VALUES ($1)", [
      POSTGRES_SCHEMA_VERSION + 1,
    ]);
    await expect(migratePostgres(instance)).rejects.toThrow(/newer than this server/);
  });
});
