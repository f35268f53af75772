import { describe, expect, it } from "vitest";
import { cityOf, zoneName, zoneOptions } from "../../../../client/time/zoneNames";

describe("zoneName", () => {
  it("names a zone in the reader's language, never as its IANA path", () => {
    for (const [locale, zone] of [
      ["en-GB", "America/Sao_Paulo"],
      ["pt-BR", "Europe/London"],
      ["zh-CN", "Europe/London"],
    ] as const) {
      const name = zoneName(zone, locale);
      expect(name).not.toContain("/");
      expect(name).not.toMatch(/^GMT/);
    }
    expect(zoneName("America/Sao_Paulo", "en-GB")).toBe("São Paulo Time");
    expect(zoneName("Asia/Shanghai", "zh-CN")).toMatch(/^中国/);
    expect(zoneName("Europe/London", "pt-BR")).toMatch(/^Horário/);
  });

  it("prefers a long name to an abbreviation", () => {
    // CLDR's short generic name for São Paulo in Portuguese is "BRT".
    expect(zoneName("America/Sao_Paulo", "pt-BR")).toMatch(/Brasília/);
  });

  it("gives UTC its own name", () => {
    expect(zoneName("UTC", "en")).toBe("Coordinated Universal Time");
    expect(zoneName("UTC", "zh-CN")).toBe("协调世界时");
  });

  it("falls back to the city from the id where Intl knows only an offset", () => {
    expect(cityOf("America/Argentina/Buenos_Aires")).toBe("Buenos Aires");
    // POSIX signs: Etc/GMT+5 is five hours behind UTC.
    expect(zoneName("Etc/GMT+5", "en")).toBe("GMT-5");
  });

  it("sorts the options by localized name", () => {
    const names = zoneOptions(["Europe/London", "America/Sao_Paulo", "Asia/Shanghai"], "en").map(
      (o) => o.name,
    );
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en")));
  });
});
