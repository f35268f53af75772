import { z } from "zod";
import { UI_LANGUAGES } from "../domain";
import type { LocalizedText } from "./localizedText";

/**
 * The reflection template format, version 1: defined once, used by the built-in templates, the exchange's own
 * templates (API and storage), JSON import/export and the copy a document keeps of the template it was made from.
 * A new format gets a new version number; files of an unknown version are refused, never guessed at.
 */
export const TEMPLATE_VERSION = 1;
export const TEMPLATE_KINDS = ["reflection", "problem-statement"] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
export const RUN_PHASE_KINDS = ["write", "reveal", "discuss", "vote", "actions", "close"] as const;
export type RunPhaseKind = (typeof RUN_PHASE_KINDS)[number];

export const TEMPLATE_LIMITS = {
  sections: 30,
  runPhases: 12,
  name: 120,
  purpose: 1000,
  prompt: 500,
  guidance: 500,
  minDuration: 5,
  maxDuration: 480,
  maxPhaseMinutes: 240,
  /** An imported file larger than this is refused before it is parsed. */
  fileChars: 300_000,
} as const;

/**
 * Why a template (a file, or a body sent to the API) was refused, one code per problem; the client shows
 * a translated sentence for each (locales/<lng>/templates.json).
 */
export const TEMPLATE_PROBLEM_CODES = [
  "notJson",
  "unknownVersion",
  "noSections",
  "tooManySections",
  "promptTooLong",
  "scriptNotAllowed",
  "duplicateSectionId",
  "tooLarge",
  "required",
  "tooLong",
  "invalid",
  "outOfRange",
] as const;
export type TemplateProblemCode = (typeof TEMPLATE_PROBLEM_CODES)[number];

/** One problem: where (a dotted path such as "sections.2.prompt.en"; "" for the whole file) and why. */
export interface TemplateProblem {
  path: string;
  code: TemplateProblemCode;
}

/**
 * Markup or script in a template's text: any tag ("<" then a letter, "/", "!" or "?"), a script URL or an
 * inline event handler. Templates travel between exchanges as files, so their text is never trusted as markup;
 * a plain "<" as in "a < b" stays allowed.
 */
const SCRIPT_PATTERNS = [
  /<[a-z!/?]/i,
  /\b(?:java|vb)script\s*:/i,
  /\bdata\s*:\s*text\/html/i,
  /\bon[a-z]+\s*=/i,
];

export function containsScript(value: string): boolean {
  return SCRIPT_PATTERNS.some((pattern) => pattern.test(value));
}

/** Control characters other than tab and newlines. */
function hasControlCharacters(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

/** A text field: one problem at most, the most serious first (script, then bad characters, then length). */
const safeText = (max: number, tooLong: TemplateProblemCode) =>
  z
    .string({ error: "invalid" })
    .trim()
    .superRefine((value, ctx) => {
      const code = containsScript(value)
        ? "scriptNotAllowed"
        : hasControlCharacters(value)
          ? "invalid"
          : [...value].length > max
            ? tooLong
            : null;
      if (code) ctx.addIssue({ code: "custom", message: code });
    });

/** Entries left empty are dropped, so "no text in this language" has one shape. */
const localizedText = (max: number, tooLong: TemplateProblemCode, required: boolean) =>
  z
    .object(
      Object.fromEntries(
        UI_LANGUAGES.map((language) => [language, safeText(max, tooLong).optional()]),
      ) as Record<(typeof UI_LANGUAGES)[number], z.ZodOptional<ReturnType<typeof safeText>>>,
      { error: "invalid" },
    )
    .transform((text) => {
      const kept: LocalizedText = {};
      for (const language of UI_LANGUAGES) if (text[language]) kept[language] = text[language];
      return kept;
    })
    .refine((text) => !required || Object.keys(text).length > 0, { error: "required" });

export const templateSectionSchema = z.object({
  id: z.string({ error: "required" }).regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: "invalid" }),
  prompt: localizedText(TEMPLATE_LIMITS.prompt, "promptTooLong", true),
  guidance: localizedText(TEMPLATE_LIMITS.guidance, "tooLong", false).default({}),
  /** "Who learned what": one answer space per ordered pair of the exchange's delegations. */
  perDelegationPair: z.boolean({ error: "invalid" }).optional(),
});
export type TemplateSection = z.output<typeof templateSectionSchema>;

export const runPhaseSchema = z.object({
  kind: z.enum(RUN_PHASE_KINDS, { error: "invalid" }),
  minutes: z
    .number({ error: "invalid" })
    .int({ error: "invalid" })
    .min(0, { error: "outOfRange" })
    .max(TEMPLATE_LIMITS.maxPhaseMinutes, { error: "outOfRange" }),
});
export type RunPhase = z.output<typeof runPhaseSchema>;

const templateFields = {
  version: z.literal(TEMPLATE_VERSION, { error: "unknownVersion" }),
  kind: z.enum(TEMPLATE_KINDS, { error: "invalid" }),
  name: localizedText(TEMPLATE_LIMITS.name, "tooLong", true),
  purpose: localizedText(TEMPLATE_LIMITS.purpose, "tooLong", false).default({}),
  durationMinutes: z
    .number({ error: "required" })
    .int({ error: "invalid" })
    .min(TEMPLATE_LIMITS.minDuration, { error: "outOfRange" })
    .max(TEMPLATE_LIMITS.maxDuration, { error: "outOfRange" }),
  sections: z
    .array(templateSectionSchema, { error: "noSections" })
    .min(1, { error: "noSections" })
    .max(TEMPLATE_LIMITS.sections, { error: "tooManySections" }),
  runPlan: z
    .array(runPhaseSchema, { error: "invalid" })
    .max(TEMPLATE_LIMITS.runPhases, { error: "outOfRange" })
    .default([]),
};

/** Indexes of sections whose id an earlier section already has (ids name answer spaces: each appears once). */
function repeatedSectionIds(sections: unknown): number[] {
  if (!Array.isArray(sections)) return [];
  const seen = new Set<string>();
  const repeated: number[] = [];
  sections.forEach((section: unknown, index) => {
    const id = (section as { id?: unknown } | null)?.id;
    if (typeof id !== "string") return;
    if (seen.has(id)) repeated.push(index);
    seen.add(id);
  });
  return repeated;
}

function uniqueSectionIds(template: { sections: TemplateSection[] }, ctx: z.RefinementCtx): void {
  for (const index of repeatedSectionIds(template.sections)) {
    ctx.addIssue({ code: "custom", message: "duplicateSectionId", path: ["sections", index, "id"] });
  }
}

const templateIdSchema = z.string({ error: "required" }).regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "invalid" });

/** A full template, with its id (built-in slug, or the server's opaque id for an exchange's own). */
export const templateSchema = z
  .object({ id: templateIdSchema, ...templateFields })
  .superRefine(uniqueSectionIds);
export type ReflectionTemplate = z.output<typeof templateSchema>;
/** What an editor sends to create or replace a template: no id (the server gives it). */
export const templateBodySchema = z.object(templateFields).superRefine(uniqueSectionIds);
export type TemplateBody = z.output<typeof templateBodySchema>;
export type TemplateBodyInput = z.input<typeof templateBodySchema>;

/** An exchange's own template as the API returns it. */
export type StoredTemplate = ReflectionTemplate & { createdAt: number; updatedAt: number };

/** A file's id is kept only as a hint (an import always gets a new one). */
const templateFileSchema = z
  .object({ id: templateIdSchema.optional(), ...templateFields })
  .superRefine(uniqueSectionIds);

export type TemplateCheck<T> = { ok: true; template: T } | { ok: false; problems: TemplateProblem[] };

const KNOWN = new Set<string>(TEMPLATE_PROBLEM_CODES);

/** zod issues -> one problem per invalid item (the first reason found for each path). */
function toProblems(issues: readonly z.core.$ZodIssue[], value: unknown): TemplateProblem[] {
  const byPath = new Map<string, TemplateProblemCode>();
  // zod runs the whole-template refinement only when every field passed: repeated ids are found here too.
  for (const index of repeatedSectionIds((value as { sections?: unknown }).sections)) {
    byPath.set(`sections.${index}.id`, "duplicateSectionId");
  }
  for (const issue of issues) {
    const path = issue.path.map(String).join(".");
    if (byPath.has(path)) continue;
    let code: TemplateProblemCode;
    if (KNOWN.has(issue.message)) code = issue.message as TemplateProblemCode;
    else if (issue.code === "too_big") code = "tooLong";
    else if (issue.code === "too_small") code = "outOfRange";
    else code = "invalid";
    byPath.set(path, code);
  }
  return [...byPath].map(([path, code]) => ({ path, code }));
}

/** An unknown version is the only problem worth reporting: the rest of such a file means something else. */
function versionProblem(value: unknown): TemplateProblem[] | null {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return [{ path: "", code: "invalid" }];
  const version = (value as { version?: unknown }).version;
  return version === TEMPLATE_VERSION ? null : [{ path: "version", code: "unknownVersion" }];
}

/** Checks a template body (create or replace). */
export function checkTemplateBody(value: unknown): TemplateCheck<TemplateBody> {
  const wrongVersion = versionProblem(value);
  if (wrongVersion) return { ok: false, problems: wrongVersion };
  const result = templateBodySchema.safeParse(value);
  return result.success
    ? { ok: true, template: result.data }
    : { ok: false, problems: toProblems(result.error.issues, value) };
}

/** Checks a full template (with its id), e.g. a document's copy. */
export function checkTemplate(value: unknown): TemplateCheck<ReflectionTemplate> {
  const wrongVersion = versionProblem(value);
  if (wrongVersion) return { ok: false, problems: wrongVersion };
  const result = templateSchema.safeParse(value);
  return result.success
    ? { ok: true, template: result.data }
    : { ok: false, problems: toProblems(result.error.issues, value) };
}

/**
 * Reads an imported file's text: every problem at once (one per invalid item), or the template.
 * A file without an id gets "" (the server gives an imported template its own id anyway).
 */
export function parseTemplateFile(text: string): TemplateCheck<ReflectionTemplate> {
  if (text.length > TEMPLATE_LIMITS.fileChars)
    return { ok: false, problems: [{ path: "", code: "tooLarge" }] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ path: "", code: "notJson" }] };
  }
  const wrongVersion = versionProblem(value);
  if (wrongVersion) return { ok: false, problems: wrongVersion };
  const result = templateFileSchema.safeParse(value);
  if (!result.success) return { ok: false, problems: toProblems(result.error.issues, value) };
  return { ok: true, template: { ...result.data, id: result.data.id ?? "" } };
}

/** The file a template is exported as: the template alone, no server fields, readable and diffable. */
export function templateFileText(template: ReflectionTemplate | StoredTemplate): string {
  const { id, version, kind, name, purpose, durationMinutes, sections, runPlan } = template;
  return `${JSON.stringify({ version, id, kind, name, purpose, durationMinutes, sections, runPlan }, null, 2)}\n`;
}

/** A file name for an exported template: its English (or first) name as an ASCII slug. */
export function templateFileName(template: ReflectionTemplate): string {
  const name = template.name.en ?? Object.values(template.name)[0] ?? "";
  const slug = name
    .normalize("NFKD")
    .replace(/[^\x20-\x7e]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${slug || template.id || "template"}.mutual-template.json`;
}
