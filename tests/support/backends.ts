import { afterAll } from "vitest";
import { createTestDatabase, scaleoutAvailable, type TestDatabase } from "./scaleout";

/**
 * The storage a test server runs on. Integration tests that must hold on every backend run once per
 * entry of `serverBackends()`; a backend whose service is missing is skipped with a printed reason
 * (or fails the file under MUTUAL_REQUIRE_SCALEOUT=1, see scaleout.ts).
 */
export interface ServerBackend {
  name: string;
  /** The `storage` a server on it reports in its listening line. */
  storage: "sqlite" | "postgres";
  /** False when its service is not reachable (the tests for it are skipped). */
  ready: boolean;
  /** Environment for a server on new, empty storage (besides its data directory). */
  freshEnv(): Promise<Record<string, string>>;
}

const databases: TestDatabase[] = [];

// Registered when this module is first imported, so it runs after the test file's own hooks have
// stopped its servers; DROP ... WITH (FORCE) ends whatever connection a killed server left.
afterAll(async () => {
  for (const database of databases.splice(0)) await database.drop();
});

export const sqliteBackend: ServerBackend = {
  name: "SQLite",
  storage: "sqlite",
  ready: true,
  freshEnv: async () => ({}),
};

/** PostgreSQL: each fresh server gets a database of its own, dropped when the file ends. */
export async function postgresBackend(suite: string): Promise<ServerBackend> {
  return {
    name: "PostgreSQL",
    storage: "postgres",
    ready: await scaleoutAvailable(`${suite} on PostgreSQL`, ["postgres"]),
    async freshEnv() {
      const database = await createTestDatabase("server");
      databases.push(database);
      return { DATABASE_URL: database.url };
    },
  };
}

/** SQLite and PostgreSQL. */
export async function serverBackends(suite: string): Promise<ServerBackend[]> {
  return [sqliteBackend, await postgresBackend(suite)];
}
