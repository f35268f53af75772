import { randomBytes } from "node:crypto";
import { connect } from "node:net";
import pg from "pg";

/**
 * Whether the scale-out services (PostgreSQL, Redis) answer, and what a test does when they do not.
 *
 * A developer's machine without them runs `npm test` and skips only the tests that need them, with a
 * printed line saying so; CI (.ci/run) sets MUTUAL_REQUIRE_SCALEOUT=1 so that a missing service fails the
 * run instead of silently skipping the scale-out tests.
 */

/** The server the tests create their databases on (trust auth in CI). */
export const TEST_POSTGRES_URL =
  process.env.MUTUAL_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
/** The Redis the tests use; each test takes its own key prefix (uniqueRedisPrefix). */
export const TEST_REDIS_URL = process.env.MUTUAL_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export const scaleoutRequired = process.env.MUTUAL_REQUIRE_SCALEOUT === "1";

const probes = new Map<string, Promise<string | null>>();

/** null when PostgreSQL answers a query, else why not. */
function probePostgres(): Promise<string | null> {
  return (async () => {
    const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return null;
    } catch (error) {
      return `PostgreSQL at ${redact(TEST_POSTGRES_URL)} did not answer: ${(error as Error).message}`;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
}

/** null when Redis answers PING (a raw RESP exchange: no client library needed to ask). */
function probeRedis(): Promise<string | null> {
  const url = new URL(TEST_REDIS_URL);
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname || "127.0.0.1", port: Number(url.port || 6379) });
    let answer = "";
    const done = (reason: string | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(reason);
    };
    const timer = setTimeout(
      () => done(`Redis at ${redact(TEST_REDIS_URL)} did not answer PING in 2 s`),
      2000,
    );
    socket.on("connect", () => {
      // AUTH first when the URL carries a password, so a protected Redis still counts as reachable.
      if (url.password) socket.write(`AUTH ${decodeURIComponent(url.password)}\r\n`);
      socket.write("PING\r\n");
    });
    socket.on("data", (chunk) => {
      answer += chunk.toString("utf8");
      if (answer.includes("+PONG")) done(null);
      else if (answer.startsWith("-"))
        done(`Redis at ${redact(TEST_REDIS_URL)} refused PING: ${answer.trim()}`);
    });
    socket.on("error", (error) =>
      done(`Redis at ${redact(TEST_REDIS_URL)} did not answer: ${error.message}`),
    );
  });
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

/**
 * Whether every named service answers. When one does not: throws if MUTUAL_REQUIRE_SCALEOUT=1 (the test
 * file fails), else prints which suite is skipped and why and returns false. Call at the top level of a
 * test file (`const ready = await scaleoutAvailable("...", ["postgres"])`) and `describe.skipIf(!ready)`.
 */
export async function scaleoutAvailable(
  suite: string,
  services: ReadonlyArray<"postgres" | "redis">,
): Promise<boolean> {
  for (const service of services) {
    let probe = probes.get(service);
    if (!probe) {
      probe = service === "postgres" ? probePostgres() : probeRedis();
      probes.set(service, probe);
    }
    const reason = await probe;
    if (reason === null) continue;
    if (scaleoutRequired) {
      throw new Error(`${suite}: ${reason} (MUTUAL_REQUIRE_SCALEOUT=1 makes this a failure, not a skip)`);
    }
    console.warn(`SKIPPED ${suite}: ${reason}. Set MUTUAL_REQUIRE_SCALEOUT=1 to make this a failure.`);
    return false;
  }
  return true;
}

export interface TestDatabase {
  /** Connection URL of the new, empty database. */
  url: string;
  name: string;
  /** Drops the database, closing whatever connections are still open on it. */
  drop(): Promise<void>;
}

function adminUrlFor(database: string): string {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A uniquely named empty database on the test PostgreSQL; drop it when the test ends. */
export async function createTestDatabase(label = "test"): Promise<TestDatabase> {
  const safe = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .slice(0, 20);
  const name = `mutual_${safe}_${process.pid}_${randomBytes(4).toString("hex")}`;
  await withAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
  let dropped = false;
  return {
    url: adminUrlFor(name),
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      // WITH (FORCE) (PostgreSQL 13+) ends the connections a killed server left open.
      await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** A Redis key prefix no other test (or test run) uses, ending in ":". */
export function uniqueRedisPrefix(label = "test"): string {
  const safe = label.replace(/[^A-Za-z0-9_-]+/g, "-").slice(0, 24);
  return `mutual-test:${safe}:${process.pid}:${randomBytes(4).toString("hex")}:`;
}
