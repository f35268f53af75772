import { readFileSync } from "node:fs";
import { join } from "node:path";
import i18next from "i18next";
import { describe, expect, it } from "vitest";

const LANGUAGES = ["en", "pt-BR", "zh-CN"] as const;
const strings = (lng: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "..", "locales", lng, "run.json"), "utf8"));

describe("counts in a run's sentences", () => {
  it("are numbers formatted by Intl in the reader's language, with the language's plural form", async () => {
    const instance = i18next.createInstance();
    await instance.init({
      lng: "en",
      supportedLngs: [...LANGUAGES],
      resources: Object.fromEntries(LANGUAGES.map((lng) => [lng, { run: strings(lng) }])),
      interpolation: { escapeValue: false },
    });
    const t = (lng: string, key: string, values: Record<string, unknown>) =>
      instance.getFixedT(lng, "run")(key, values);
    for (const lng of LANGUAGES) {
      const grouped = new Intl.NumberFormat(lng).format(1234);
      expect(t(lng, "contributions.votes", { count: 1234 })).toContain(grouped);
      expect(t(lng, "exchange.contributions", { count: 1234 })).toContain(grouped);
      expect(t(lng, "phaseOf", { current: 1200, total: 3400 })).toContain(
        new Intl.NumberFormat(lng).format(3400),
      );
    }
    expect(t("en", "contributions.votes", { count: 1 })).toBe("1 dot");
    expect(t("pt-BR", "contributions.votes", { count: 1234 })).toContain("1.234");
  });
});
