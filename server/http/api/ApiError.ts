import type { z } from "zod";
import type { ApiErrorCode, FieldErrorCode } from "../../../shared/api/errors";
import { FIELD_ERROR_CODES } from "../../../shared/api/errors";

/** An error the API answers with a status and a code (the client translates the code). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    readonly fields?: Record<string, FieldErrorCode>,
  ) {
    super(code);
  }
}

/** Parses a request body or parameter object; a failure names each bad field with a field error code. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const fields: Record<string, FieldErrorCode> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join(".") || "_";
    const code = (FIELD_ERROR_CODES as readonly string[]).includes(issue.message) ? issue.message : "invalid";
    fields[field] ??= issue.code === "unrecognized_keys" ? "invalid" : (code as FieldErrorCode);
  }
  throw new ApiError(400, "validation_failed", fields);
}

export const notFound = () => new ApiError(404, "not_found");
export const forbidden = () => new ApiError(403, "forbidden");
