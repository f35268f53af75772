import { describe, expect, it } from "vitest";
import en from "../../../../locales/en/builtInTemplates.json";
import ptBR from "../../../../locales/pt-BR/builtInTemplates.json";
import zhCN from "../../../../locales/zh-CN/builtInTemplates.json";
import { UI_LANGUAGES } from "../../../../shared/domain";
import {
  BUILT_IN_TEMPLATE_IDS,
  BUILT_IN_TEMPLATES,
  resolveBuiltInTemplate,
  resolveBuiltInTemplates,
} from "../../../../shared/templates/builtInTemplates";
import {
  checkTemplate,
  parseTemplateFile,
  templateFileText,
} from "../../../../shared/templates/templateSchema";

const texts = { en, "pt-BR": ptBR, "zh-CN": zhCN };
const resolved = resolveBuiltInTemplates(texts);

describe("the seven built-in templates", () => {
  it("are the seven of PRODUCT.md, in gallery order, each valid under the schema", () => {
    expect(resolved.map((t) => t.id)).toEqual([...BUILT_IN_TEMPLATE_IDS]);
    for (const template of resolved)
      expect(checkTemplate(template), template.id).toEqual({ ok: true, template });
  });

  it("have every text in all three languages (name, purpose, every prompt and guidance)", () => {
    for (const template of resolved) {
      const fields = [
        template.name,
        template.purpose,
        ...template.sections.flatMap((s) => [s.prompt, s.guidance]),
      ];
      for (const field of fields)
        expect(Object.keys(field).sort(), template.id).toEqual([...UI_LANGUAGES].sort());
    }
  });

  it("have no words for sections they do not have (the locale files and the data agree)", () => {
    for (const language of UI_LANGUAGES) {
      const tree = texts[language] as Record<string, { sections: Record<string, unknown> }>;
      expect(Object.keys(tree).sort()).toEqual([...BUILT_IN_TEMPLATE_IDS].sort());
      for (const shape of BUILT_IN_TEMPLATES) {
        expect(Object.keys(tree[shape.id]!.sections).sort(), `${language} ${shape.id}`).toEqual(
          shape.sections.map((s) => s.id).sort(),
        );
      }
    }
  });

  it("carry a realistic duration and a run plan that fits in it", () => {
    const aar = resolved.find((t) => t.id === "after-action-review")!;
    expect(aar.runPlan).toEqual([
      { kind: "write", minutes: 8 },
      { kind: "reveal", minutes: 0 },
      { kind: "discuss", minutes: 15 },
      { kind: "vote", minutes: 3 },
      { kind: "actions", minutes: 10 },
      { kind: "close", minutes: 0 },
    ]);
    for (const template of resolved) {
      const planned = template.runPlan.reduce((sum, phase) => sum + phase.minutes, 0);
      expect(planned, template.id).toBeLessThanOrEqual(template.durationMinutes);
      expect(planned, template.id).toBeGreaterThanOrEqual(template.durationMinutes * 0.8);
    }
  });

  it("follow each method's structure", () => {
    const sections = (id: string) => resolved.find((t) => t.id === id)!.sections.map((s) => s.id);
    expect(sections("after-action-review")).toEqual([
      "intended",
      "actual",
      "why-different",
      "keep",
      "change",
    ]);
    expect(sections("kolb-cycle")).toHaveLength(4);
    expect(sections("conditions-of-mutual-learning")).toHaveLength(8);
    expect(sections("principles-of-learning-exchange")).toEqual([
      "process",
      "politics",
      "technical",
      "context",
      "history",
      "relations",
    ]);
    expect(resolved.find((t) => t.id === "shared-problem-statement")!.kind).toBe("problem-statement");
    expect(resolved.filter((t) => t.kind === "reflection")).toHaveLength(6);
  });

  it("'Who learned what' has exactly one per-pair section", () => {
    const wlw = resolved.find((t) => t.id === "who-learned-what")!;
    expect(wlw.sections.filter((s) => s.perDelegationPair).map((s) => s.id)).toEqual(["learned"]);
    for (const other of resolved.filter((t) => t.id !== "who-learned-what")) {
      expect(
        other.sections.some((s) => s.perDelegationPair),
        other.id,
      ).toBe(false);
    }
  });

  it("leave a language out when its words are missing (readers then fall back)", () => {
    const aar = resolveBuiltInTemplate(BUILT_IN_TEMPLATES[0]!, { en });
    expect(aar.name).toEqual({ en: "After Action Review" });
    expect(aar.sections[0]!.prompt).toEqual({ en: en["after-action-review"].sections.intended.prompt });
  });

  it("export and import back unchanged", () => {
    for (const template of resolved) {
      expect(parseTemplateFile(templateFileText(template))).toEqual({ ok: true, template });
    }
  });
});
