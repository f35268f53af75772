import { API_ERROR_CODES, type ApiErrorCode, type FieldErrorCode } from "../../shared/api/errors";
import type { TemplateProblem } from "../../shared/templates/templateSchema";

/** Why a request failed: an API error code, or "network" when the server could not be reached. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | "network",
    readonly fields: Record<string, FieldErrorCode> = {},
    /** With "invalidTemplate": each problem of the template or imported file. */
    readonly problems: TemplateProblem[] = [],
  ) {
    super(code);
  }
}

function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === "string" && (API_ERROR_CODES as readonly string[]).includes(value);
}

/**
 * A same-origin JSON request to Mutual's API (the session cookie goes along; the browser adds Origin).
 * Resolves with the parsed body (null for 204) or throws an ApiFailure.
 */
export async function apiRequest<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiFailure(0, "network");
  }
  const text = await response.text().catch(() => "");
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const error = (parsed ?? {}) as {
      error?: unknown;
      fields?: Record<string, FieldErrorCode>;
      problems?: TemplateProblem[];
    };
    throw new ApiFailure(
      response.status,
      isApiErrorCode(error.error) ? error.error : "internal",
      error.fields,
      Array.isArray(error.problems) ? error.problems : [],
    );
  }
  return parsed as T;
}

/** Normalises anything thrown into an ApiFailure (programming errors count as "internal"). */
export function asFailure(error: unknown): ApiFailure {
  return error instanceof ApiFailure ? error : new ApiFailure(0, "internal");
}
