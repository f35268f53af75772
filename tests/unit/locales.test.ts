import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkParity, readLocales, variables } from "../../scripts/localeCatalog";

const locales = readLocales(join(import.meta.dirname, "..", "..", "locales"));

describe("locale files", () => {
  it("exist for exactly en, pt-BR and zh-CN", () => {
    expect([...locales.keys()].sort()).toEqual(["en", "pt-BR", "zh-CN"]);
  });

  it("have every key of every namespace in all three locales, with each language's plural forms and the same variables", () => {
    expect(checkParity(locales)).toEqual([]);
  });

  it("detects a missing key, a missing plural form and a renamed variable (the check itself works)", () => {
    const broken = new Map([
      [
        "en",
        new Map([
          ["a:x", "Hi {{name}}"],
          ["a:n_one", "{{count}} item"],
          ["a:n_other", "{{count}} items"],
        ]),
      ],
      [
        "pt-BR",
        new Map([
          ["a:x", "Oi {{nome}}"],
          ["a:n_one", "{{count}} item"],
          ["a:n_other", "{{count}} itens"],
        ]),
      ],
      ["zh-CN", new Map([["a:n_other", "{{count}} 项"]])],
    ]);
    expect(checkParity(broken)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ language: "pt-BR", key: "a:x", problem: "variables differ" }),
        expect.objectContaining({
          language: "pt-BR",
          key: "a:n",
          problem: "missing plural form",
          detail: "many",
        }),
        expect.objectContaining({ language: "zh-CN", key: "a:x", problem: "missing" }),
      ]),
    );
  });

  it("reads interpolation variables, with or without a format", () => {
    expect(variables("{{count}} of {{ total }} at {{when, datetime}}")).toEqual(["count", "total", "when"]);
  });
});
