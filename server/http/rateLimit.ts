import type { RequestHandler } from "express";
import type { ApiErrorBody } from "../../shared/api/errors";

/**
 * A fixed-window limit per client address for one kind of request (creating exchanges, joining).
 * Memory is bounded: the table is cleared when a window ends.
 */
export function rateLimit(options: { max: number; windowMs: number; now?: () => number }): RequestHandler {
  const now = options.now ?? Date.now;
  let windowStart = now();
  let counts = new Map<string, number>();
  return (request, response, next) => {
    if (now() - windowStart >= options.windowMs) {
      windowStart = now();
      counts = new Map();
    }
    const key = request.socket.remoteAddress ?? "unknown";
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count <= options.max) return next();
    response.set("Retry-After", String(Math.ceil((windowStart + options.windowMs - now()) / 1000)));
    response.status(429).json({ error: "rate_limited" } satisfies ApiErrorBody);
  };
}
