import { afterEach, describe, expect, it, vi } from "vitest";
import { duration } from "../../../../client/features/agenda/agendaFormat";
import { formatHoursAndMinutes } from "../../../../client/time/formatDuration";

describe("formatHoursAndMinutes", () => {
  afterEach(() => vi.unstubAllGlobals());

  // Node has no Intl.DurationFormat, so these are the fallback's words.
  it("writes hours and minutes, long or short, in the reader's language", () => {
    expect(formatHoursAndMinutes(75, "en")).toBe("1 hour, 15 minutes");
    expect(formatHoursAndMinutes(75, "pt-BR", "short")).toBe("1 h e 15 min");
    expect(formatHoursAndMinutes(120, "en", "short")).toBe("2 hr");
    expect(formatHoursAndMinutes(0, "en", "short")).toBe("0 min");
    expect(formatHoursAndMinutes(90, "zh-CN", "short")).toBe("1小时30分钟");
  });

  it("asks Intl.DurationFormat, where there is one, in the style asked for", () => {
    const format = vi.fn(() => "formatted");
    const DurationFormat = vi.fn(function (this: { format: typeof format }) {
      this.format = format;
    });
    vi.stubGlobal("Intl", { ...Intl, DurationFormat });
    expect(formatHoursAndMinutes(60, "en", "short")).toBe("formatted");
    expect(DurationFormat).toHaveBeenCalledWith("en", { style: "short" });
    expect(format).toHaveBeenCalledWith({ hours: 1 });
  });
});

describe("the agenda's duration", () => {
  it("is the short form of a span of milliseconds, to the nearest minute", () => {
    expect(duration(90 * 60_000 + 20_000, "en")).toBe(formatHoursAndMinutes(90, "en", "short"));
  });
});
