import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "../../server/http/api/ApiError";
import { createLogger } from "../../server/log";
import { redisRunLock } from "../../server/run/runLockRedis";
import { openRedisConnection, type RedisConnection } from "../../server/scaleout/redisConnection";
import { scaleoutAvailable, TEST_REDIS_URL, uniqueRedisPrefix } from "../support/scaleout";

const ready = await scaleoutAvailable("run lock in Redis", ["redis"]);
const log = createLogger(() => {});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const opened: RedisConnection[] = [];
let prefix = "";
afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map((redis) => redis.close()));
  const admin = new Redis(TEST_REDIS_URL);
  const keys = await admin.keys(`${prefix}*`);
  if (keys.length > 0) await admin.del(...keys);
  await admin.quit();
});

/** Two instances' connections (each its own lock, as two processes would have). */
async function twoInstances() {
  prefix = uniqueRedisPrefix("runlock");
  const connections = [0, 1].map(() => openRedisConnection({ url: TEST_REDIS_URL, prefix, log }));
  opened.push(...connections);
  await Promise.all(connections.map((redis) => redis.ready()));
  return connections;
}

describe.skipIf(!ready)("run lock across instances (Redis)", () => {
  it("holds one instance's command until the other's is done, and refuses with a 409 after the wait", async () => {
    const [a, b] = await twoInstances();
    const lockA = redisRunLock({ redis: a!, log, ttlMs: 1_000, waitMs: 2_000 });
    const lockB = redisRunLock({ redis: b!, log, ttlMs: 1_000, waitMs: 300 });
    const order: string[] = [];
    const first = lockA.hold("x/doc", async () => {
      order.push("a start");
      // Longer than the TTL: renewal keeps it ours.
      await sleep(1_500);
      order.push("a end");
    });
    await sleep(50);
    // B gives up after 300 ms with a clear "conflict".
    const refused = await lockB.hold("x/doc", async () => order.push("b ran")).catch((error) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(409);
    expect((refused as ApiError).code).toBe("conflict");
    // A patient waiter gets it once A is done, never before.
    const patient = redisRunLock({ redis: b!, log, ttlMs: 1_000, waitMs: 5_000 });
    await patient.hold("x/doc", async () => order.push("b2 ran"));
    await first;
    expect(order).toEqual(["a start", "a end", "b2 ran"]);
    // Released: nothing left under the prefix.
    expect(await a!.commands.keys(`${prefix}runlock:*`)).toEqual([]);
  }, 20_000);
});
