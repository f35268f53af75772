import { describe, expect, it } from "vitest";
import {
  checkTemplateBody,
  containsScript,
  parseTemplateFile,
  type ReflectionTemplate,
  TEMPLATE_LIMITS,
  templateFileName,
  templateFileText,
} from "../../../../shared/templates/templateSchema";

/** A custom template as a facilitator might write it: English and Chinese only, a per-pair section. */
function sample(): ReflectionTemplate {
  return {
    version: 1,
    id: "visit-review",
    kind: "reflection",
    name: { en: "Site visit review", "zh-CN": "考察回顾" },
    purpose: { en: "What we saw in Recife." },
    durationMinutes: 45,
    sections: [
      { id: "seen", prompt: { en: "What did we see?", "zh-CN": "我们看到了什么？" }, guidance: {} },
      {
        id: "learned",
        prompt: { en: "Who learned what?" },
        guidance: { en: "One space per direction." },
        perDelegationPair: true,
      },
    ],
    runPlan: [
      { kind: "write", minutes: 8 },
      { kind: "reveal", minutes: 0 },
      { kind: "discuss", minutes: 15 },
    ],
  };
}

const file = (value: unknown) => JSON.stringify(value);
const problemsOf = (text: string) => {
  const result = parseTemplateFile(text);
  return result.ok ? [] : result.problems;
};

describe("template file: valid", () => {
  it("reads a valid file back as the same template", () => {
    const result = parseTemplateFile(file(sample()));
    expect(result).toEqual({ ok: true, template: sample() });
  });

  it("drops empty texts, trims, and defaults guidance, purpose and run plan", () => {
    const { purpose: _p, runPlan: _r, ...rest } = sample();
    const result = parseTemplateFile(
      file({
        ...rest,
        name: { en: "  Review  ", "pt-BR": "   " },
        sections: [{ id: "only", prompt: { "pt-BR": "O que vimos?" } }],
      }),
    );
    expect(result.ok && result.template).toMatchObject({
      name: { en: "Review" },
      purpose: {},
      runPlan: [],
      sections: [{ id: "only", prompt: { "pt-BR": "O que vimos?" }, guidance: {} }],
    });
  });

  it("accepts a file without an id (an import gets its own) and 30 sections, and a plain '<' in text", () => {
    const { id: _id, ...withoutId } = sample();
    const sections = Array.from({ length: 30 }, (_, i) => ({
      id: `s${i}`,
      prompt: { en: `Is cost < benefit in case ${i}?` },
      guidance: {},
    }));
    const result = parseTemplateFile(file({ ...withoutId, sections }));
    expect(result.ok && result.template.id).toBe("");
    expect(result.ok && result.template.sections).toHaveLength(30);
  });

  it("accepts a 500-character prompt, counted in characters (Chinese included)", () => {
    const template = sample();
    template.sections[0]!.prompt = { "zh-CN": "问".repeat(500) };
    expect(parseTemplateFile(file(template)).ok).toBe(true);
  });
});

describe("template file: each invalid case gets its own problem code", () => {
  it("not JSON", () => {
    expect(problemsOf("{ version: 1, ")).toEqual([{ path: "", code: "notJson" }]);
    expect(problemsOf("")).toEqual([{ path: "", code: "notJson" }]);
  });

  it("JSON that is not an object", () => {
    expect(problemsOf("[1,2]")).toEqual([{ path: "", code: "invalid" }]);
    expect(problemsOf("null")).toEqual([{ path: "", code: "invalid" }]);
  });

  it("an unknown version (and only that: the rest means something else)", () => {
    expect(problemsOf(file({ ...sample(), version: 2, sections: [] }))).toEqual([
      { path: "version", code: "unknownVersion" },
    ]);
    const { version: _v, ...noVersion } = sample();
    expect(problemsOf(file(noVersion))).toEqual([{ path: "version", code: "unknownVersion" }]);
  });

  it("an empty section list, or none at all", () => {
    expect(problemsOf(file({ ...sample(), sections: [] }))).toEqual([
      { path: "sections", code: "noSections" },
    ]);
    const { sections: _s, ...noSections } = sample();
    expect(problemsOf(file(noSections))).toEqual([{ path: "sections", code: "noSections" }]);
  });

  it("more than 30 sections", () => {
    const sections = Array.from({ length: TEMPLATE_LIMITS.sections + 1 }, (_, i) => ({
      id: `s${i}`,
      prompt: { en: "Why?" },
    }));
    expect(problemsOf(file({ ...sample(), sections }))).toEqual([
      { path: "sections", code: "tooManySections" },
    ]);
  });

  it("a prompt over 500 characters, in whichever language", () => {
    const template = sample();
    template.sections[1]!.prompt = { en: "ok", "pt-BR": "a".repeat(501) };
    expect(problemsOf(file(template))).toEqual([{ path: "sections.1.prompt.pt-BR", code: "promptTooLong" }]);
  });

  it("script in any field: tags, script URLs, event handlers", () => {
    const cases: Array<[(t: ReflectionTemplate) => void, string]> = [
      [(t) => (t.name.en = "<script>alert(1)</script>"), "name.en"],
      [(t) => (t.purpose["zh-CN"] = "看 <img src=x onerror=alert(1)>"), "purpose.zh-CN"],
      [(t) => (t.sections[0]!.prompt.en = "javascript:alert(1)"), "sections.0.prompt.en"],
      [(t) => (t.sections[1]!.guidance.en = 'x" onclick = "steal()'), "sections.1.guidance.en"],
      [(t) => (t.sections[1]!.guidance["pt-BR"] = "</p><b>oi</b>"), "sections.1.guidance.pt-BR"],
    ];
    for (const [spoil, path] of cases) {
      const template = sample();
      spoil(template);
      expect(problemsOf(file(template)), path).toEqual([{ path, code: "scriptNotAllowed" }]);
    }
  });

  it("reports every invalid item once, all at once", () => {
    const template = sample() as unknown as Record<string, unknown>;
    template.durationMinutes = 2;
    template.kind = "agenda";
    template.name = {};
    template.sections = [
      { id: "Bad Id!", prompt: { en: "x".repeat(600) } },
      { id: "dup", prompt: { en: "<b>" } },
      { id: "dup", prompt: { en: "fine" } },
    ];
    template.runPlan = [{ kind: "nap", minutes: 500 }];
    expect(problemsOf(file(template))).toEqual(
      expect.arrayContaining([
        { path: "durationMinutes", code: "outOfRange" },
        { path: "kind", code: "invalid" },
        { path: "name", code: "required" },
        { path: "sections.0.id", code: "invalid" },
        { path: "sections.0.prompt.en", code: "promptTooLong" },
        { path: "sections.1.prompt.en", code: "scriptNotAllowed" },
        { path: "sections.2.id", code: "duplicateSectionId" },
        { path: "runPlan.0.kind", code: "invalid" },
        { path: "runPlan.0.minutes", code: "outOfRange" },
      ]),
    );
    const paths = problemsOf(file(template)).map((p) => p.path);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it("a file too large to be a template is refused before parsing", () => {
    expect(problemsOf(" ".repeat(TEMPLATE_LIMITS.fileChars + 1))).toEqual([{ path: "", code: "tooLarge" }]);
  });

  it("a body sent to the API follows the same rules (without an id)", () => {
    const { id: _id, ...body } = sample();
    expect(checkTemplateBody(body).ok).toBe(true);
    expect(checkTemplateBody({ ...body, sections: [] })).toEqual({
      ok: false,
      problems: [{ path: "sections", code: "noSections" }],
    });
    expect(checkTemplateBody("not an object")).toEqual({
      ok: false,
      problems: [{ path: "", code: "invalid" }],
    });
  });
});

describe("script detection", () => {
  it("finds markup and script, and leaves ordinary punctuation alone", () => {
    for (const bad of [
      "<svg/onload=x>",
      "<!-- x -->",
      "JavaScript :void(0)",
      "data:text/html,x",
      "onmouseover=x",
    ]) {
      expect(containsScript(bad), bad).toBe(true);
    }
    for (const good of [
      "a < b and c > d",
      "3<4",
      "Note: on = off?",
      "on a visit = learning",
      "São Paulo → 成都",
    ]) {
      expect(containsScript(good), good).toBe(false);
    }
  });
});

describe("export and import round trip", () => {
  it("exports the template alone (no server fields) and imports it back unchanged", () => {
    const stored = { ...sample(), createdAt: 5, updatedAt: 9 };
    const text = templateFileText(stored);
    expect(JSON.parse(text)).not.toHaveProperty("createdAt");
    expect(parseTemplateFile(text)).toEqual({ ok: true, template: sample() });
    // Twice round is still the same file.
    const again = parseTemplateFile(text);
    expect(again.ok && templateFileText(again.template)).toBe(text);
  });

  it("names the file after the template, in ASCII", () => {
    expect(templateFileName(sample())).toBe("site-visit-review.mutual-template.json");
    expect(templateFileName({ ...sample(), name: { "zh-CN": "考察回顾" } })).toBe(
      "visit-review.mutual-template.json",
    );
  });
});
