import { UI_LANGUAGES, type UiLanguage } from "../domain";
import type { LocalizedText } from "./localizedText";
import {
  type ReflectionTemplate,
  type RunPhaseKind,
  TEMPLATE_VERSION,
  type TemplateKind,
} from "./templateSchema";

/**
 * The seven built-in templates as data: their structure here, their words in
 * locales/<lng>/builtInTemplates.json (`<templateId>.name`, `.purpose`, `.sections.<sectionId>.prompt|guidance`),
 * so translators edit them like every other string. Ids are part of documents: add, never rename.
 */
export const BUILT_IN_TEMPLATE_IDS = [
  "after-action-review",
  "kolb-cycle",
  "conditions-of-mutual-learning",
  "principles-of-learning-exchange",
  "who-learned-what",
  "practice-transfer-card",
  "shared-problem-statement",
] as const;
export type BuiltInTemplateId = (typeof BUILT_IN_TEMPLATE_IDS)[number];

export interface BuiltInTemplateShape {
  id: BuiltInTemplateId;
  kind: TemplateKind;
  durationMinutes: number;
  sections: ReadonlyArray<{ id: string; perDelegationPair?: true }>;
  /** The suggested run: minutes per phase (reveal and close are moments, not stretches of time). */
  runPlan: ReadonlyArray<readonly [RunPhaseKind, number]>;
}

const plan = (write: number, discuss: number, vote: number, actions: number) =>
  [
    ["write", write],
    ["reveal", 0],
    ["discuss", discuss],
    ["vote", vote],
    ["actions", actions],
    ["close", 0],
  ] as const;

export const BUILT_IN_TEMPLATES: readonly BuiltInTemplateShape[] = [
  {
    id: "after-action-review",
    kind: "reflection",
    durationMinutes: 40,
    sections: [
      { id: "intended" },
      { id: "actual" },
      { id: "why-different" },
      { id: "keep" },
      { id: "change" },
    ],
    runPlan: plan(8, 15, 3, 10),
  },
  {
    id: "kolb-cycle",
    kind: "reflection",
    durationMinutes: 60,
    sections: [{ id: "experience" }, { id: "observation" }, { id: "concepts" }, { id: "experiment" }],
    runPlan: plan(12, 25, 5, 15),
  },
  {
    id: "conditions-of-mutual-learning",
    kind: "reflection",
    durationMinutes: 75,
    sections: [
      { id: "technical-relevance" },
      { id: "technical-evidence" },
      { id: "technical-context" },
      { id: "political-principles" },
      { id: "political-power" },
      { id: "cultural-language" },
      { id: "cultural-stereotypes" },
      { id: "cultural-communication" },
    ],
    runPlan: plan(15, 35, 5, 15),
  },
  {
    id: "principles-of-learning-exchange",
    kind: "reflection",
    durationMinutes: 60,
    sections: [
      { id: "process" },
      { id: "politics" },
      { id: "technical" },
      { id: "context" },
      { id: "history" },
      { id: "relations" },
    ],
    runPlan: plan(12, 28, 5, 12),
  },
  {
    id: "who-learned-what",
    kind: "reflection",
    durationMinutes: 90,
    sections: [
      { id: "formation" },
      { id: "sustaining" },
      { id: "before" },
      { id: "aims" },
      { id: "learned", perDelegationPair: true },
      { id: "mechanisms" },
      { id: "institutionalisation" },
      { id: "governance" },
    ],
    runPlan: plan(20, 40, 5, 15),
  },
  {
    id: "practice-transfer-card",
    kind: "reflection",
    durationMinutes: 45,
    sections: [
      { id: "practice" },
      { id: "context" },
      { id: "barriers-enablers" },
      { id: "resources" },
      { id: "contacts" },
      { id: "adaptation" },
    ],
    runPlan: plan(10, 20, 3, 10),
  },
  {
    id: "shared-problem-statement",
    kind: "problem-statement",
    durationMinutes: 60,
    sections: [
      { id: "views" },
      { id: "shared-ground" },
      { id: "differences" },
      { id: "success" },
      { id: "open-questions" },
    ],
    runPlan: plan(12, 25, 5, 12),
  },
];

/** One language's words for the built-in templates: the shape of locales/<lng>/builtInTemplates.json. */
export type BuiltInTexts = Record<
  string,
  { name: string; purpose: string; sections: Record<string, { prompt: string; guidance: string }> }
>;

export function isBuiltInTemplateId(id: string): id is BuiltInTemplateId {
  return (BUILT_IN_TEMPLATE_IDS as readonly string[]).includes(id);
}

/**
 * A built-in template with its text in every language given (a language missing a text simply lacks it, and
 * readers fall back as for any template). Pure: the caller passes the locale trees it loaded.
 */
export function resolveBuiltInTemplate(
  shape: BuiltInTemplateShape,
  texts: Partial<Record<UiLanguage, BuiltInTexts>>,
): ReflectionTemplate {
  const collect = (read: (words: BuiltInTexts[string]) => string | undefined): LocalizedText => {
    const text: LocalizedText = {};
    for (const language of UI_LANGUAGES) {
      const words = texts[language]?.[shape.id];
      const value = words ? read(words)?.trim() : undefined;
      if (value) text[language] = value;
    }
    return text;
  };
  return {
    version: TEMPLATE_VERSION,
    id: shape.id,
    kind: shape.kind,
    name: collect((w) => w.name),
    purpose: collect((w) => w.purpose),
    durationMinutes: shape.durationMinutes,
    sections: shape.sections.map((section) => ({
      id: section.id,
      prompt: collect((w) => w.sections[section.id]?.prompt),
      guidance: collect((w) => w.sections[section.id]?.guidance),
      ...(section.perDelegationPair ? { perDelegationPair: true } : {}),
    })),
    runPlan: shape.runPlan.map(([kind, minutes]) => ({ kind, minutes })),
  };
}

/** All seven, resolved, in gallery order. */
export function resolveBuiltInTemplates(
  texts: Partial<Record<UiLanguage, BuiltInTexts>>,
): ReflectionTemplate[] {
  return BUILT_IN_TEMPLATES.map((shape) => resolveBuiltInTemplate(shape, texts));
}
