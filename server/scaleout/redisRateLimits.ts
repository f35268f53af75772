import type { RateLimitStore } from "../http/rateLimit";
import type { RedisConnection } from "./redisConnection";

/**
 * Rate-limit counts shared by every instance: one Redis counter per limit, address and window, which
 * expires with its window (INCR, then PEXPIRE NX sets the expiry on the first hit only, in one round
 * trip). Throws while Redis is down; `rateLimit` then counts in the process's memory.
 */
export function redisRateLimitStore(redis: RedisConnection): RateLimitStore {
  return {
    async hit(key, windowMs) {
      if (!redis.up) throw new Error("Redis is down");
      const window = Math.floor(Date.now() / windowMs);
      const counter = `${redis.prefix}rate:${windowMs}:${window}:${key}`;
      const replies = await redis.commands.multi().incr(counter).pexpire(counter, windowMs, "NX").exec();
      const count = Number(replies?.[0]?.[1] ?? 0);
      return { count, resetInMs: (window + 1) * windowMs - Date.now() };
    },
  };
}
