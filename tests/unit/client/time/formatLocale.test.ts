import { describe, expect, it } from "vitest";
import { formattingLocale } from "../../../../client/time/formatLocale";

describe("formattingLocale", () => {
  it("uses the browser's regional variant of the UI language", () => {
    expect(formattingLocale("en", ["en-GB", "en"])).toBe("en-GB");
    expect(formattingLocale("en", ["fr-FR", "en-AU"])).toBe("en-AU");
    expect(formattingLocale("pt-BR", ["pt-PT"])).toBe("pt-PT");
    expect(formattingLocale("zh-CN", ["zh-TW", "en-US"])).toBe("zh-TW");
  });

  it("keeps the UI language when no browser language matches it", () => {
    expect(formattingLocale("en", ["pt-BR", "zh-CN"])).toBe("en");
    expect(formattingLocale("zh-CN", [])).toBe("zh-CN");
  });

  it("skips malformed tags from the browser's list", () => {
    expect(formattingLocale("en", ["en-", "en_NZ"])).toBe("en-NZ");
  });

  it("gives an en-GB reader a 24-hour clock and an en-US reader a 12-hour one", () => {
    const at = Date.UTC(2026, 5, 1, 18, 5);
    const time = (locale: string) =>
      new Intl.DateTimeFormat(locale, { timeZone: "UTC", timeStyle: "short" }).format(at);
    expect(time(formattingLocale("en", ["en-GB"]))).toBe("18:05");
    expect(time(formattingLocale("en", ["en-US"]))).toMatch(/^6:05\sPM$/);
  });
});
