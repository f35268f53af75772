import type { IncomingMessage } from "node:http";
import type { RequestHandler } from "express";

/**
 * True when the request comes from a page of this server (Origin equals the Host it was sent to) or from
 * a configured trusted origin. Requests without an Origin header are not from a browser page: refused.
 */
export function isSameOrigin(request: IncomingMessage, trustedOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (!origin) return false;
  if (trustedOrigins.includes(origin)) return true;
  const host = request.headers.host;
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** Refuses state-changing requests that do not come from this server's own pages (CSRF defence with SameSite). */
export function originCheck(trustedOrigins: readonly string[]): RequestHandler {
  return (request, response, next) => {
    if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS") return next();
    if (isSameOrigin(request, trustedOrigins)) return next();
    response.status(403).json({ error: "origin_rejected" });
  };
}
