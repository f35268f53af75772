import { describe, expect, it } from "vitest";
import { wholeWithin } from "../../../../client/features/run/PhaseMinutesInput";

describe("wholeWithin", () => {
  it("rounds what is typed and keeps it within the limits", () => {
    expect(wholeWithin("7.6", 0, 120)).toBe(8);
    expect(wholeWithin("500", 0, 120)).toBe(120);
    expect(wholeWithin("-3", 1, 10)).toBe(1);
  });

  it("counts an empty or unreadable field as the least allowed", () => {
    expect(wholeWithin("", 0, 120)).toBe(0);
    expect(wholeWithin("", 1, 10)).toBe(1);
    expect(wholeWithin("abc", 1, 10)).toBe(1);
  });
});
