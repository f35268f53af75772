import { randomBytes } from "node:crypto";
import type { Logger } from "../log";
import type { RedisConnection } from "../scaleout/redisConnection";
import type { DocumentStorage } from "../storage/DocumentStorage";
import { createRunSerializer, localRunLock, lockTimeout, type RunLock, type RunSerializer } from "./runLock";
import type { RunRooms } from "./serverChange";

/** Deletes the lock only if it is still ours (never the next holder's after an expiry). */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;
/** Extends the lock only if it is still ours. */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

/**
 * Run commands of one document serialized across instances by a short Redis lock: `SET NX PX` with a
 * random token, renewed while held, released by compare-and-delete; a waiter retries for up to `waitMs`
 * and then gets a 409 "conflict" (try again). Redis rather than a PostgreSQL advisory lock: an advisory
 * lock lives on one database session, so the command would pin a pool connection while its own change
 * waits for the group commit on another connection (a few facilitators pressing at once could take the
 * pool the commits need); and the instances already hold Redis for the fan-out. A holder that dies
 * stops renewing: its lock expires after `ttlMs`. The in-process lock in front keeps one instance's own
 * commands from polling Redis against each other.
 */
export function redisRunLock(options: {
  redis: RedisConnection;
  log: Logger;
  ttlMs?: number;
  waitMs?: number;
}): RunLock {
  const { redis, log } = options;
  const ttlMs = options.ttlMs ?? 5_000;
  const waitMs = options.waitMs ?? 10_000;
  const local = localRunLock();
  const keyOf = (documentName: string) => `${redis.prefix}runlock:${documentName}`;

  async function take(key: string, token: string): Promise<void> {
    const deadline = Date.now() + waitMs;
    for (let attempt = 0; ; attempt++) {
      if (redis.up && (await redis.commands.set(key, token, "PX", ttlMs, "NX")) === "OK") return;
      if (Date.now() >= deadline) {
        log.warn("run.lock_timeout", { key, waitedMs: waitMs });
        throw lockTimeout();
      }
      // A command takes milliseconds: short, jittered retries, growing a little.
      const delay = Math.min(100, 5 + attempt * 5) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  return {
    hold(documentName, fn) {
      return local.hold(documentName, async () => {
        const key = keyOf(documentName);
        const token = randomBytes(12).toString("hex");
        await take(key, token);
        const renew = setInterval(
          () => {
            redis.commands.eval(RENEW, 1, key, token, ttlMs).catch(() => undefined);
          },
          Math.max(50, Math.floor(ttlMs / 3)),
        );
        renew.unref();
        try {
          return await fn();
        } finally {
          clearInterval(renew);
          await redis.commands.eval(RELEASE, 1, key, token).catch((error: Error) => {
            // It expires by itself after ttlMs.
            log.warn("run.lock_release_failed", { key, error: error.message });
          });
        }
      });
    },
  };
}

/**
 * Several instances: the Redis lock, rooms caught up from the database once it is held, and the lock
 * kept until the command's change is committed (the next holder reads it from there).
 */
export function scaleOutRunSerializer(options: {
  redis: RedisConnection;
  rooms: RunRooms & { flushWrites(): Promise<void> };
  storage: Pick<DocumentStorage, "loadDocument">;
  log: Logger;
}): RunSerializer {
  const { rooms, storage, log } = options;
  return createRunSerializer({
    lock: redisRunLock({ redis: options.redis, log }),
    rooms,
    loadDocument: (name) => storage.loadDocument(name),
    whenDurable: () => rooms.flushWrites(),
    log,
  });
}
