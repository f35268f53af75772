import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { createTestDatabase, TEST_REDIS_URL, type TestDatabase, uniqueRedisPrefix } from "./scaleout";
import { type RunningServer, startServer } from "./server";

/**
 * Several Mutual instances sharing one PostgreSQL database (its own, made for the test) and one Redis
 * (under a key prefix of its own), as a scale-out deployment runs them: each its own port and data
 * directory, one session secret for all, as the README's recipe says.
 */
export interface Cluster {
  instances: RunningServer[];
  database: TestDatabase;
  prefix: string;
  /** Starts one more instance (or again after a kill) with the cluster's settings. */
  start(env?: Record<string, string>): Promise<RunningServer>;
  /** Every log line of every instance started so far (killed ones included). */
  logs(): Array<Record<string, unknown>>;
  /** Stops every instance, drops the database, deletes the prefix's Redis keys. */
  cleanup(): Promise<void>;
}

export async function startCluster(
  label: string,
  count: number,
  env: Record<string, string> = {},
): Promise<Cluster> {
  const database = await createTestDatabase(label);
  const prefix = uniqueRedisPrefix(label);
  const secret = randomBytes(32).toString("hex");
  const started: RunningServer[] = [];
  const start = async (extra: Record<string, string> = {}) => {
    const server = await startServer({
      env: {
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: prefix,
        SESSION_SECRET: secret,
        ...env,
        ...extra,
      },
    });
    started.push(server);
    return server;
  };
  const instances: RunningServer[] = [];
  try {
    // One after the other: the first migrates the empty database.
    for (let i = 0; i < count; i++) instances.push(await start());
  } catch (error) {
    await Promise.allSettled(started.map((server) => server.kill()));
    await database.drop().catch(() => undefined);
    throw error;
  }
  return {
    instances,
    database,
    prefix,
    start,
    logs: () => started.flatMap((server) => server.logs),
    async cleanup() {
      await Promise.allSettled(started.map((server) => server.stop()));
      await database.drop().catch(() => undefined);
      const admin = new Redis(TEST_REDIS_URL);
      try {
        const keys = await admin.keys(`${prefix}*`);
        if (keys.length > 0) await admin.del(...keys);
      } finally {
        await admin.quit();
      }
    },
  };
}
