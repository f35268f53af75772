import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { Router } from "express";
import { COLLAB_PATH } from "../../shared/protocol/roomName";

/**
 * Serves the built client from this server (no CDN: every asset comes from Mutual itself).
 * Hashed files under /assets are immutable; every other page path gets index.html (client routing).
 */
export function staticClientRoutes(staticDir: string): Router {
  const router = Router();
  const indexFile = join(staticDir, "index.html");
  router.use(
    "/assets",
    express.static(join(staticDir, "assets"), { immutable: true, maxAge: "365d", fallthrough: false }),
  );
  router.use(express.static(staticDir, { index: false, maxAge: 0 }));
  router.get(/.*/, (request, response, next) => {
    if (request.path.startsWith("/api/") || request.path.startsWith(`${COLLAB_PATH}/`)) return next();
    if (!existsSync(indexFile)) return next();
    response.set("Cache-Control", "no-cache");
    response.sendFile(indexFile);
  });
  return router;
}
