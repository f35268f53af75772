import type { Logger } from "../log";
import type { DocumentLeases } from "./crossInstance";
import type { RedisConnection } from "./redisConnection";

/** Takes the lease when free, or extends it when it is already ours: 1 if ours afterwards. */
const TAKE = `
local holder = redis.call('GET', KEYS[1])
if holder == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0`;
/** Extends the lease only if it is still ours. */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0`;
/** Deletes the lease only if it is still ours (never a successor's). */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/**
 * Document leases in Redis: `SET NX PX` through a script that also extends a lease already held, so an
 * instance keeps the documents it took (compaction and automatic versions of a document stay on one
 * instance while it lives) and renews them every third of their time to live. A holder that dies
 * stops renewing: its leases expire after `ttlMs` and pass to the next instance that asks.
 */
export function createRedisLeases(options: {
  redis: RedisConnection;
  instanceId: string;
  log: Logger;
  ttlMs?: number;
}): DocumentLeases & { readonly held: ReadonlySet<string>; stop(): void } {
  const { redis, instanceId, log } = options;
  const ttlMs = options.ttlMs ?? 10_000;
  const held = new Set<string>();
  const keyOf = (documentName: string) => `${redis.prefix}lease:${documentName}`;
  const run = (script: string, documentName: string) =>
    redis.commands.eval(script, 1, keyOf(documentName), instanceId, ttlMs) as Promise<number>;

  const renewAll = async () => {
    if (!redis.up) return;
    for (const name of [...held]) {
      try {
        if ((await run(RENEW, name)) === 0) {
          held.delete(name);
          log.warn("lease.lost", { document: name });
        }
      } catch {
        // Redis went away: the degradation handler drops the rooms; the lease expires by itself.
      }
    }
  };
  const timer = setInterval(() => void renewAll(), Math.max(50, Math.floor(ttlMs / 3)));
  timer.unref();

  return {
    held,
    async withDocumentLease(documentName, fn) {
      if (!redis.up) return { ran: false };
      let ours: boolean;
      try {
        ours = (await run(TAKE, documentName)) === 1;
      } catch {
        return { ran: false };
      }
      if (!ours) {
        held.delete(documentName);
        return { ran: false };
      }
      if (!held.has(documentName)) log.info("lease.taken", { document: documentName });
      held.add(documentName);
      return { ran: true, value: await fn() };
    },
    async release(documentName) {
      if (!held.delete(documentName) || !redis.up) return;
      await run(RELEASE, documentName).catch(() => {});
    },
    async releaseAll() {
      const names = [...held];
      held.clear();
      if (!redis.up) return;
      await Promise.allSettled(names.map((name) => run(RELEASE, name)));
    },
    stop() {
      clearInterval(timer);
    },
  };
}
