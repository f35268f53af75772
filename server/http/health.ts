import { Router } from "express";

/** A dependency's reachability as the health endpoint reports it. */
export interface DependencyCheck {
  name: string;
  /** Resolves with the round trip in ms, or throws why it is unreachable (with its own timeout). */
  check(): Promise<number>;
}

/**
 * GET /healthz: liveness plus a few numbers an operator wants at a glance (rooms, sockets, memory),
 * and whether the database and Redis (scale-out) answer. 200 "ok" when every dependency answers;
 * 503 "degraded" otherwise, which a load balancer's health check reads as "send nobody here": while
 * degraded the instance refuses collaboration sockets (they retry elsewhere).
 */
export function healthRoutes(
  stats: () => { rooms: number; connections: number },
  dependencies: readonly DependencyCheck[] = [],
): Router {
  const router = Router();
  const started = Date.now();
  router.get("/healthz", async (_request, response) => {
    response.set("Cache-Control", "no-store");
    const results = await Promise.all(
      dependencies.map(async ({ name, check }) => {
        try {
          return [name, { reachable: true, ms: Math.round((await check()) * 10) / 10 }] as const;
        } catch (error) {
          return [name, { reachable: false, error: (error as Error).message }] as const;
        }
      }),
    );
    const healthy = results.every(([, result]) => result.reachable);
    const { rss, heapUsed } = process.memoryUsage();
    response.status(healthy ? 200 : 503).json({
      status: healthy ? "ok" : "degraded",
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
      ...stats(),
      dependencies: Object.fromEntries(results),
      memory: { rssBytes: rss, heapUsedBytes: heapUsed },
    });
  });
  return router;
}
