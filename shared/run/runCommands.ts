import { z } from "zod";
import { RUN_PHASE_KINDS } from "../templates/templateSchema";
import { RUN_LIMITS } from "./runState";

/** The run API's requests (zod), apart from the state model so the document screen need not load zod for it. */
export const ACTIONS_BY = ["everyone", "facilitators"] as const;

export const runPhasePlanSchema = z.object({
  kind: z.enum(RUN_PHASE_KINDS, { error: "invalid" }),
  minutes: z.number({ error: "invalid" }).int({ error: "invalid" }).min(0).max(RUN_LIMITS.maxMinutes),
});
export type RunPhasePlan = z.output<typeof runPhasePlanSchema>;

export const runSettingsSchema = z.object({
  anonymous: z.boolean({ error: "invalid" }),
  dotsPerPerson: z.number({ error: "invalid" }).int({ error: "invalid" }).min(1).max(RUN_LIMITS.maxDots),
  severalDotsOnOne: z.boolean({ error: "invalid" }),
  actionsBy: z.enum(ACTIONS_BY, { error: "invalid" }),
});

/** A facilitator's request to change the run (POST .../run with one of these). */
export const runCommandSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("start"),
    phases: z.array(runPhasePlanSchema).min(1, { error: "required" }).max(RUN_LIMITS.phases),
    settings: runSettingsSchema,
  }),
  // `at`: the phase the facilitator saw; refused when the run has moved since (two facilitators pressing
  // "next" at once move it one phase, not two).
  z.object({ type: z.literal("next"), at: z.number().int().min(0).optional() }),
  z.object({ type: z.literal("back"), at: z.number().int().min(0).optional() }),
  z.object({ type: z.literal("skip"), at: z.number().int().min(0).optional() }),
  z.object({
    type: z.literal("adjust"),
    minutes: z.number().int().min(-RUN_LIMITS.maxAdjustMinutes).max(RUN_LIMITS.maxAdjustMinutes),
  }),
  /** Replaces the phases after the current one (and the current one's planned minutes). */
  z.object({ type: z.literal("plan"), phases: z.array(runPhasePlanSchema).max(RUN_LIMITS.phases) }),
  z.object({ type: z.literal("pause") }),
  z.object({ type: z.literal("resume") }),
  z.object({ type: z.literal("reveal") }),
  z.object({ type: z.literal("closeVote") }),
  z.object({ type: z.literal("openVote") }),
  z.object({
    type: z.literal("lock"),
    /** null: the whole document. */
    sectionId: z.string().min(1).max(100).nullable(),
    locked: z.boolean(),
  }),
  z.object({ type: z.literal("close") }),
]);
export type RunCommand = z.output<typeof runCommandSchema>;
