import type { TemplateProblem } from "../templates/templateSchema";

/** Error codes the HTTP API answers with: `{ error: ApiErrorCode, fields?: { [field]: FieldErrorCode } }`. */
export const API_ERROR_CODES = [
  "validation_failed",
  "unauthenticated",
  "forbidden",
  "not_found",
  "invite_not_found",
  "invite_expired",
  "invite_revoked",
  "invite_used_up",
  "operator_token_required",
  "operator_token_invalid",
  "origin_rejected",
  "rate_limited",
  "payload_too_large",
  "conflict",
  "invalidTemplate",
  "internal",
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Why one field of a form was refused; the client shows a translated sentence for each. */
export const FIELD_ERROR_CODES = ["required", "too_short", "too_long", "invalid", "out_of_range"] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export interface ApiErrorBody {
  error: ApiErrorCode;
  fields?: Record<string, FieldErrorCode>;
  /** With "invalidTemplate": every problem of the template or file, one per invalid item. */
  problems?: TemplateProblem[];
}
