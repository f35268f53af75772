import type { Request, RequestHandler, Response } from "express";
import type { ApiErrorBody } from "../../shared/api/errors";

/**
 * Where the counts of a fixed-window limit live. The default is this process's memory; a scale-out
 * deployment keeps them in Redis (`server/scaleout/redisRateLimits.ts`) so that a limit holds across
 * instances. The app's store is `app.locals.rateLimitStore` (createApp sets it), so the routes that
 * declare limits do not need to know where they are counted.
 */
export interface RateLimitStore {
  /** Counts one request for `key` in the current window of `windowMs`; resolves with the count so far and ms to the window's end. */
  hit(
    key: string,
    windowMs: number,
  ): Promise<{ count: number; resetInMs: number }> | { count: number; resetInMs: number };
}

/** Counts in memory. Bounded: each window's table is dropped when the window ends. */
export function memoryRateLimitStore(now: () => number = Date.now): RateLimitStore {
  const windows = new Map<number, { start: number; counts: Map<string, number> }>();
  return {
    hit(key, windowMs) {
      let window = windows.get(windowMs);
      if (!window || now() - window.start >= windowMs) {
        window = { start: now(), counts: new Map() };
        windows.set(windowMs, window);
      }
      const count = (window.counts.get(key) ?? 0) + 1;
      window.counts.set(key, count);
      return { count, resetInMs: window.start + windowMs - now() };
    },
  };
}

/**
 * A fixed-window limit per client address for one kind of request (creating exchanges, joining).
 * Counted in the app's store (see `RateLimitStore`), or in this limit's own memory when it has none.
 */
export function rateLimit(options: { max: number; windowMs: number; now?: () => number }): RequestHandler {
  const ownStore = memoryRateLimitStore(options.now);
  const refuse = (response: Response, resetInMs: number) => {
    response.set("Retry-After", String(Math.max(1, Math.ceil(resetInMs / 1000))));
    response.status(429).json({ error: "rate_limited" } satisfies ApiErrorBody);
  };
  return (request, response, next) => {
    const store = (request.app?.locals?.rateLimitStore as RateLimitStore | undefined) ?? ownStore;
    const counted = store.hit(keyOf(request), options.windowMs);
    const decide = ({ count, resetInMs }: { count: number; resetInMs: number }) =>
      count <= options.max ? next() : refuse(response, resetInMs);
    if (!(counted instanceof Promise)) return decide(counted);
    // A store that cannot count (Redis lost) lets the request through to this process's own count.
    counted.then(decide, () =>
      decide(ownStore.hit(keyOf(request), options.windowMs) as { count: number; resetInMs: number }),
    );
  };
}

/** One limit per route and client address (`request.ip`: the proxy's client when the app trusts the proxy). */
function keyOf(request: Request): string {
  const address = request.ip ?? request.socket.remoteAddress ?? "unknown";
  return `${request.method} ${request.baseUrl}${request.route?.path ?? request.path} ${address}`;
}
