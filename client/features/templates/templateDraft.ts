import type { LocalizedText } from "../../../shared/templates/localizedText";
import {
  checkTemplateBody,
  type ReflectionTemplate,
  type RunPhaseKind,
  TEMPLATE_VERSION,
  type TemplateKind,
  type TemplateProblem,
} from "../../../shared/templates/templateSchema";

/** A section being edited; `id` names its answer spaces in documents and stays when it moves. */
export interface SectionDraft {
  id: string;
  prompt: LocalizedText;
  guidance: LocalizedText;
  perDelegationPair: boolean;
}

export interface PhaseDraft {
  /** Only for React's list identity (phases have no id of their own). */
  key: string;
  kind: RunPhaseKind;
  minutes: string;
}

/** The editor's state: numbers stay text while typed, so "" and "4x" can be told apart from 0. */
export interface TemplateDraft {
  kind: TemplateKind;
  name: LocalizedText;
  purpose: LocalizedText;
  duration: string;
  sections: SectionDraft[];
  runPlan: PhaseDraft[];
}

let counter = 0;
const localKey = () => `p${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A section id no other section of the draft has (the schema's slug: lowercase, digits, hyphens). */
export function newSectionId(sections: readonly SectionDraft[]): string {
  const taken = new Set(sections.map((section) => section.id));
  for (let n = sections.length + 1; ; n++) {
    const id = `section-${n}`;
    if (!taken.has(id)) return id;
  }
}

export function emptySection(sections: readonly SectionDraft[]): SectionDraft {
  return { id: newSectionId(sections), prompt: {}, guidance: {}, perDelegationPair: false };
}

export function newPhase(kind: RunPhaseKind = "write", minutes = "10"): PhaseDraft {
  return { key: localKey(), kind, minutes };
}

export function blankDraft(): TemplateDraft {
  return {
    kind: "reflection",
    name: {},
    purpose: {},
    duration: "45",
    sections: [emptySection([])],
    runPlan: [],
  };
}

/** A draft of an existing template (to edit it, or to start a copy of it). */
export function draftOf(template: ReflectionTemplate): TemplateDraft {
  return {
    kind: template.kind,
    name: { ...template.name },
    purpose: { ...template.purpose },
    duration: String(template.durationMinutes),
    sections: template.sections.map((section) => ({
      id: section.id,
      prompt: { ...section.prompt },
      guidance: { ...section.guidance },
      perDelegationPair: section.perDelegationPair === true,
    })),
    runPlan: template.runPlan.map((phase) => newPhase(phase.kind, String(phase.minutes))),
  };
}

/** "" is no number (required); anything not a whole number stays as text for the schema to refuse. */
function numberOf(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** What the API receives: the template without id. */
export function bodyOf(draft: TemplateDraft) {
  return {
    version: TEMPLATE_VERSION,
    kind: draft.kind,
    name: draft.name,
    purpose: draft.purpose,
    durationMinutes: numberOf(draft.duration),
    sections: draft.sections.map((section) => ({
      id: section.id,
      prompt: section.prompt,
      guidance: section.guidance,
      ...(section.perDelegationPair ? { perDelegationPair: true } : {}),
    })),
    runPlan: draft.runPlan.map((phase) => ({ kind: phase.kind, minutes: numberOf(phase.minutes) })),
  };
}

/** Problems by path ("sections.2.prompt.en"), the same check the server makes. */
export function checkDraft(draft: TemplateDraft): Map<string, TemplateProblem["code"]> {
  const result = checkTemplateBody(bodyOf(draft));
  return problemMap(result.ok ? [] : result.problems);
}

export function problemMap(problems: readonly TemplateProblem[]): Map<string, TemplateProblem["code"]> {
  return new Map(problems.map((problem) => [problem.path, problem.code]));
}

/** Moves the item at `from` to `to` (both in range), leaving the others in order. */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}
