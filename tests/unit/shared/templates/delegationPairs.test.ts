import { describe, expect, it } from "vitest";
import { delegationPairs } from "../../../../shared/templates/delegationPairs";

const names = ["Recife", "Bristol", "Chengdu", "Kampala", "Pune"];
const delegations = (n: number) => names.slice(0, n).map((name, i) => ({ id: `d${i}`, name }));
const arrows = (n: number) => delegationPairs(delegations(n)).map((p) => `${p.from.name}->${p.to.name}`);

describe("who learned what: pairs of delegations", () => {
  it("2 delegations: both directions", () => {
    expect(arrows(2)).toEqual(["Recife->Bristol", "Bristol->Recife"]);
  });

  it("3 delegations: six directions, each pair's two side by side, in the delegations' order", () => {
    expect(arrows(3)).toEqual([
      "Recife->Bristol",
      "Bristol->Recife",
      "Recife->Chengdu",
      "Chengdu->Recife",
      "Bristol->Chengdu",
      "Chengdu->Bristol",
    ]);
  });

  it("5 delegations: n(n-1) = 20 distinct directions, none from a delegation to itself", () => {
    const pairs = delegationPairs(delegations(5));
    expect(pairs).toHaveLength(20);
    expect(new Set(arrows(5)).size).toBe(20);
    expect(pairs.every((p) => p.from.id !== p.to.id)).toBe(true);
    for (const { from, to } of pairs) {
      expect(pairs.some((p) => p.from.id === to.id && p.to.id === from.id)).toBe(true);
    }
    // Stable: the same input gives the same order.
    expect(delegationPairs(delegations(5))).toEqual(pairs);
  });

  it("none for fewer than two delegations; a delegation listed twice counts once", () => {
    expect(delegationPairs([])).toEqual([]);
    expect(delegationPairs(delegations(1))).toEqual([]);
    const [a, b] = delegations(2);
    expect(delegationPairs([a!, b!, a!])).toHaveLength(2);
  });

  it("copies only id and name (the document keeps the pair even if the delegation changes)", () => {
    const [pair] = delegationPairs([
      { id: "a", name: "Recife", color: "teal" } as { id: string; name: string },
      { id: "b", name: "Bristol" },
    ]);
    expect(pair).toEqual({ from: { id: "a", name: "Recife" }, to: { id: "b", name: "Bristol" } });
  });
});
