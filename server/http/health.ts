import { Router } from "express";

/** GET /healthz: liveness plus a few numbers an operator wants at a glance (rooms, sockets, memory). */
export function healthRoutes(stats: () => { rooms: number; connections: number }): Router {
  const router = Router();
  const started = Date.now();
  router.get("/healthz", (_request, response) => {
    response.set("Cache-Control", "no-store");
    const { rss, heapUsed } = process.memoryUsage();
    response.json({
      status: "ok",
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
      ...stats(),
      memory: { rssBytes: rss, heapUsedBytes: heapUsed },
    });
  });
  return router;
}
