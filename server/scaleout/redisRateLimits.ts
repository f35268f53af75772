import type { RateLimitStore } from "../http/rateLimit";
import type { RedisConnection } from "./redisConnection";

/**
 * Rate-limit counts shared by every instance: one Redis counter per limit and client address, whose
 * window starts at its first hit and ends when the counter expires (INCR, then PEXPIRE NX sets the
 * expiry on the first hit only; one round trip), as the in-memory count's window starts at the first
 * request after the last one ended. Throws while Redis is down; `rateLimit` then counts in memory.
 */
export function redisRateLimitStore(redis: RedisConnection): RateLimitStore {
  return {
    async hit(key, windowMs) {
      if (!redis.up) throw new Error("Redis is down");
      const counter = `${redis.prefix}rate:${windowMs}:${key}`;
      const replies = await redis.commands
        .multi()
        .incr(counter)
        .pexpire(counter, windowMs, "NX")
        .pttl(counter)
        .exec();
      const count = Number(replies?.[0]?.[1] ?? 0);
      const ttl = Number(replies?.[2]?.[1] ?? windowMs);
      return { count, resetInMs: ttl > 0 ? ttl : windowMs };
    },
  };
}
