import { describe, expect, it } from "vitest";
import { countWords } from "../../../../server/history/wordCount";

describe("countWords", () => {
  it("counts words in spaced and unspaced scripts", () => {
    expect(countWords("Li adds rivers.")).toBe(3);
    expect(countWords("As pessoas idosas do Recife")).toBe(5);
    expect(countWords("don't stop 3.5 km")).toBe(4);
    expect(countWords(" ")).toBe(0);
    // The segmenter finds Chinese words (not one per character, not the whole run).
    const chinese = countWords("社区居委会每月上门走访一次");
    expect(chinese).toBeGreaterThan(2);
    expect(chinese).toBeLessThan(13);
  });
});
