import { z } from "zod";
import { ACTION_STATUSES, LIMITS } from "./runRecords";

/** The run API's request bodies for dots and actions (zod), apart from the records so the client need not load zod. */
/** A participant's dots: contribution id -> how many (replaces their earlier allocation). */
export const voteBodySchema = z.object({
  dots: z.record(z.string().min(1).max(40), z.number().int().min(0).max(100)),
});

const dueSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "invalid" })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), { error: "invalid" })
  .nullable();

const ownerSchema = z
  .union([
    z.object({ participantId: z.string().min(8).max(32) }),
    z.object({
      name: z.string().trim().min(1, { error: "required" }).max(LIMITS.ownerName, { error: "tooLong" }),
    }),
  ])
  .nullable();

export const actionCreateSchema = z.object({
  contributionId: z.string().min(1).max(40).nullable(),
  what: z.string().trim().min(1, { error: "required" }).max(LIMITS.actionText, { error: "tooLong" }),
  owner: ownerSchema,
  delegationId: z.string().min(8).max(32).nullable(),
  due: dueSchema,
});

export const actionUpdateSchema = z.object({
  status: z.enum(ACTION_STATUSES, { error: "invalid" }).optional(),
  what: actionCreateSchema.shape.what.optional(),
  owner: ownerSchema.optional(),
  delegationId: z.string().min(8).max(32).nullable().optional(),
  due: dueSchema.optional(),
});
