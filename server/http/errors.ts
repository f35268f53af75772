import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "../log";

/** Errors leave the server as a status and a code; the client translates the code. */
export function notFound(): RequestHandler {
  return (_request, response) => {
    response.status(404).json({ error: "not_found" });
  };
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: { status?: number; statusCode?: number; message?: string }, request, response, _next) => {
    const status = error.status ?? error.statusCode ?? 500;
    if (status >= 500) log.error("http.error", { path: request.path, error: error.message });
    response
      .status(status)
      .json({ error: status === 404 ? "not_found" : status >= 500 ? "internal" : "bad_request" });
  };
}
