import type { ErrorRequestHandler, RequestHandler } from "express";
import type { ApiErrorBody } from "../../shared/api/errors";
import type { Logger } from "../log";
import { ApiError } from "./api/ApiError";

/** Errors leave the server as a status and a code; the client translates the code. */
export function notFound(): RequestHandler {
  return (_request, response) => {
    response.status(404).json({ error: "not_found" } satisfies ApiErrorBody);
  };
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: ApiError | (Error & { status?: number; type?: string }), request, response, _next) => {
    let status: number;
    let body: ApiErrorBody;
    if (error instanceof ApiError) {
      status = error.status;
      body = { error: error.code, ...(error.fields ? { fields: error.fields } : {}) };
    } else if (error.type === "entity.too.large") {
      status = 413;
      body = { error: "payload_too_large" };
    } else if (error.type === "entity.parse.failed" || error.type === "charset.unsupported") {
      status = 400;
      body = { error: "validation_failed" };
    } else if (error.status === 404) {
      status = 404;
      body = { error: "not_found" };
    } else {
      status = 500;
      body = { error: "internal" };
      log.error("http.error", {
        method: request.method,
        path: request.path,
        error: error.stack ?? error.message,
      });
    }
    response.status(status).json(body);
  };
}
