import { z } from "zod";
import { DELEGATION_COLORS, DOCUMENT_KINDS, ROLES, UI_LANGUAGES } from "../domain";
import { isId } from "../protocol/ids";
import { BUILT_IN_TEMPLATE_IDS } from "../templates/builtInTemplates";
import { TEMPLATE_LIMITS } from "../templates/templateSchema";

// Messages are field error codes (see errors.ts); the client translates them.
const text = (max: number) =>
  z
    .string({ error: "required" })
    .trim()
    .min(1, { error: "required" })
    .max(max, { error: "too_long" })
    .refine((value) => !hasControlCharacters(value), { error: "invalid" });

/** Control characters (other than tab and newlines) have no place in names and titles. */
function hasControlCharacters(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

const optionalText = (max: number) =>
  z.string({ error: "invalid" }).trim().max(max, { error: "too_long" }).default("");

export const idSchema = z.string().refine(isId, { error: "invalid" });

export const timeZoneSchema = z.string({ error: "required" }).refine(isTimeZone, { error: "invalid" });

/** True for IANA zone names this runtime knows (Intl is pure; no I/O). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return value.length > 0 && value.length <= 64;
  } catch {
    return false;
  }
}

export const uiLanguageSchema = z.enum(UI_LANGUAGES, { error: "invalid" });
export const roleSchema = z.enum(ROLES, { error: "invalid" });
export const documentKindSchema = z.enum(DOCUMENT_KINDS, { error: "invalid" });
export const colorSchema = z.enum(Object.keys(DELEGATION_COLORS) as [keyof typeof DELEGATION_COLORS], {
  error: "invalid",
});

export const displayNameSchema = text(60);

export const createExchangeSchema = z.object({
  title: text(120),
  description: optionalText(2000),
  timeZone: timeZoneSchema,
  facilitatorName: displayNameSchema,
  uiLanguage: uiLanguageSchema,
  operatorToken: z.string().max(200, { error: "too_long" }).optional(),
});
export type CreateExchangeInput = z.input<typeof createExchangeSchema>;

export const updateExchangeSchema = z
  .object({ title: text(120), description: optionalText(2000), timeZone: timeZoneSchema })
  .partial();
export type UpdateExchangeInput = z.input<typeof updateExchangeSchema>;

export const delegationSchema = z.object({
  name: text(80),
  country: z
    .string({ error: "required" })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, { error: "invalid" }),
  color: colorSchema,
  timeZone: timeZoneSchema,
  workingLanguage: z
    .string({ error: "required" })
    .trim()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}$/, { error: "invalid" }),
});
export type DelegationInput = z.input<typeof delegationSchema>;
export const updateDelegationSchema = delegationSchema.partial();

export const createInviteSchema = z.object({
  delegationId: idSchema.nullable(),
  role: roleSchema,
  expiresInHours: z
    .number({ error: "required" })
    .int({ error: "invalid" })
    .min(1, { error: "out_of_range" })
    .max(24 * 90, { error: "out_of_range" }),
  maxUses: z
    .number({ error: "invalid" })
    .int({ error: "invalid" })
    .min(1, { error: "out_of_range" })
    .max(1000, { error: "out_of_range" })
    .nullable(),
});
export type CreateInviteInput = z.input<typeof createInviteSchema>;

export const joinSchema = z.object({ displayName: displayNameSchema, uiLanguage: uiLanguageSchema });
export type JoinInput = z.input<typeof joinSchema>;

export const updateParticipantSchema = z
  .object({ role: roleSchema, delegationId: idSchema.nullable() })
  .partial();
export type UpdateParticipantInput = z.input<typeof updateParticipantSchema>;

export const updateSelfSchema = z
  .object({ displayName: displayNameSchema, uiLanguage: uiLanguageSchema })
  .partial();
export type UpdateSelfInput = z.input<typeof updateSelfSchema>;

/** A template id in a request: a built-in slug or an exchange's own (opaque) id. */
export const templateIdSchema = z
  .string({ error: "invalid" })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "invalid" });

export const createDocumentSchema = z.object({
  kind: documentKindSchema,
  title: text(120),
  /** Made from this template (built-in or the exchange's own): the document starts with its sections. */
  templateId: templateIdSchema.optional(),
});
export type CreateDocumentInput = z.input<typeof createDocumentSchema>;

export const updateDocumentSchema = z
  .object({ title: text(120), archived: z.boolean({ error: "invalid" }) })
  .partial();
export type UpdateDocumentInput = z.input<typeof updateDocumentSchema>;

/**
 * POST /api/exchanges/:exchangeId/templates with { fromBuiltIn } duplicates a built-in template into the
 * exchange's own; any other body is a template without id, checked by checkTemplateBody (shared/templates).
 */
export const duplicateBuiltInSchema = z.object({
  fromBuiltIn: z.enum(BUILT_IN_TEMPLATE_IDS, { error: "invalid" }),
});

/** POST /api/exchanges/:exchangeId/templates/import: the raw text of the file, checked by parseTemplateFile. */
export const importTemplateSchema = z.object({
  file: z.string({ error: "required" }).max(TEMPLATE_LIMITS.fileChars, { error: "too_long" }),
});
export type ImportTemplateInput = z.input<typeof importTemplateSchema>;
