import type { Logger } from "../log";
import type { RedisConnection } from "./redisConnection";

/**
 * Which instances are alive. Each instance writes `instance:<id>` with a time to live every
 * `intervalMs` and lists itself in the `instances` set; each reads the others' keys at the same pace.
 * An instance it knew (listed, or heard from on a room channel) whose key has expired is dead:
 * `onDead` runs once for it (its clients' presence is withdrawn, rooms catch up from the database).
 */
export function startInstanceHeartbeats(options: {
  redis: RedisConnection;
  instanceId: string;
  log: Logger;
  intervalMs?: number;
  ttlMs?: number;
  onDead: (instance: string) => void;
}): { seen(instance: string): void; readonly alive: ReadonlySet<string>; stop(): Promise<void> } {
  const { redis, instanceId, log, onDead } = options;
  const intervalMs = options.intervalMs ?? 1000;
  const ttlMs = options.ttlMs ?? 3 * intervalMs;
  const setKey = `${redis.prefix}instances`;
  const keyOf = (instance: string) => `${redis.prefix}instance:${instance}`;
  /** Instances believed alive (other than this one). */
  const alive = new Set<string>();
  let beating = false;

  const beat = async () => {
    if (beating || !redis.up) return;
    beating = true;
    try {
      const listed = await redis.commands
        .multi()
        .set(keyOf(instanceId), String(Date.now()), "PX", ttlMs)
        .sadd(setKey, instanceId)
        .smembers(setKey)
        .exec();
      const members = ((listed?.[2]?.[1] as string[] | undefined) ?? []).filter((id) => id !== instanceId);
      for (const id of members) alive.add(id);
      const ids = [...alive];
      if (ids.length === 0) return;
      const pipeline = redis.commands.pipeline();
      for (const id of ids) pipeline.exists(keyOf(id));
      const present = ((await pipeline.exec()) ?? []).map(([error, count]) => error !== null || count === 1);
      ids.forEach((id, index) => {
        if (present[index]) return;
        alive.delete(id);
        // Any instance may tidy the set; each one acts on the death for its own rooms.
        void redis.commands.srem(setKey, id).catch(() => {});
        log.warn("instance.dead", { instance: id });
        onDead(id);
      });
    } catch (error) {
      log.warn("instance.heartbeat_failed", { error: (error as Error).message });
    } finally {
      beating = false;
    }
  };

  const timer = setInterval(() => void beat(), intervalMs);
  timer.unref();
  void beat();
  redis.onChange((up) => {
    if (up) void beat();
  });

  return {
    alive,
    /** A message from `instance` arrived: it is alive (and will be watched). */
    seen(instance) {
      alive.add(instance);
    },
    async stop() {
      clearInterval(timer);
      // Gone at once rather than after the time to live: peers withdraw our clients' presence now.
      if (redis.up) {
        await redis.commands
          .multi()
          .del(keyOf(instanceId))
          .srem(setKey, instanceId)
          .exec()
          .catch(() => {});
      }
    },
  };
}
