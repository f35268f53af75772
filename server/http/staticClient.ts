import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type RequestHandler, Router } from "express";
import expressStaticGzip from "express-static-gzip";
import { COLLAB_PATH } from "../../shared/protocol/roomName";
import { inlineScriptHashes } from "./inlineScripts";
import { contentSecurityPolicy } from "./securityHeaders";

/**
 * Files the build also wrote as .br and .gz (vite.config.ts): the best one the browser accepts is sent,
 * with `Vary: Accept-Encoding`. `headers` are added to every file served.
 */
function precompressed(
  directory: string,
  headers: (filePath: string) => Record<string, string>,
  fallthrough: boolean,
): RequestHandler {
  return expressStaticGzip(directory, {
    enableBrotli: true,
    // Brotli first whatever the browser's order: the same bytes, 15-20 % smaller than gzip.
    orderPreference: ["br", "gzip"],
    index: false,
    serveStatic: {
      index: false,
      fallthrough,
      setHeaders: (response, filePath) => {
        for (const [name, value] of Object.entries(headers(filePath))) response.setHeader(name, value);
      },
    },
  });
}

/**
 * Serves the built client from this server (no CDN: every asset comes from Mutual itself), compressed.
 * Hashed files under /assets are immutable; the others (index.html, sw.js) are revalidated on every
 * use, and every other page path gets index.html (client routing).
 */
export function staticClientRoutes(staticDir: string): Router {
  const router = Router();
  const indexFile = join(staticDir, "index.html");
  router.use(
    "/assets",
    precompressed(
      join(staticDir, "assets"),
      () => ({ "Cache-Control": "public, max-age=31536000, immutable" }),
      false,
    ),
  );
  // The shell's inline script (its language, before the first paint) runs by its hash, taken once here.
  const shellPolicy = existsSync(indexFile)
    ? contentSecurityPolicy(inlineScriptHashes(readFileSync(indexFile, "utf8")))
    : null;
  const unhashed = precompressed(
    staticDir,
    (filePath) => ({
      "Cache-Control": "no-cache",
      ...(shellPolicy && /\.html(\.br|\.gz)?$/.test(filePath)
        ? { "Content-Security-Policy": shellPolicy }
        : {}),
    }),
    true,
  );
  router.use(unhashed);
  router.get(/.*/, (request, response, next) => {
    if (request.path.startsWith("/api/") || request.path.startsWith(`${COLLAB_PATH}/`)) return next();
    if (!shellPolicy) return next();
    request.url = "/index.html";
    unhashed(request, response, next);
  });
  return router;
}
