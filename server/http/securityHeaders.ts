import type { RequestHandler } from "express";

/**
 * The Content-Security-Policy: this origin only. `scriptSources` adds hashes of inline scripts a page
 * may run (index.html's shell has one, see staticClient.ts); nothing else inline ever runs.
 */
export function contentSecurityPolicy(scriptSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...scriptSources].join(" "),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

/** Baseline headers on every response. */
export function securityHeaders(): RequestHandler {
  const policy = contentSecurityPolicy();
  return (_request, response, next) => {
    response.set({
      "Content-Security-Policy": policy,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "X-Frame-Options": "DENY",
      "Cross-Origin-Opener-Policy": "same-origin",
    });
    next();
  };
}
