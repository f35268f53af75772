import { Redis } from "ioredis";
import { silentLogger } from "../../../../server/log";
import { openRedisConnection, type RedisConnection } from "../../../../server/scaleout/redisConnection";
import { TEST_REDIS_URL, uniqueRedisPrefix } from "../../../support/scaleout";

/** Connections to the test Redis under one fresh prefix; `cleanup` closes them and deletes the prefix's keys. */
export function redisFixture(label: string) {
  const prefix = uniqueRedisPrefix(label);
  const opened: RedisConnection[] = [];
  return {
    prefix,
    async open(): Promise<RedisConnection> {
      const connection = openRedisConnection({ url: TEST_REDIS_URL, prefix, log: silentLogger });
      opened.push(connection);
      await connection.ready();
      return connection;
    },
    async cleanup() {
      await Promise.all(opened.map((connection) => connection.close()));
      const admin = new Redis(TEST_REDIS_URL);
      const keys = await admin.keys(`${prefix}*`);
      if (keys.length > 0) await admin.del(...keys);
      await admin.quit();
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function eventually(check: () => boolean, message: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${message}`);
    await sleep(10);
  }
}
