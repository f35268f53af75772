import { describe, expect, it } from "vitest";
import { fanOutTarget } from "../../bench/fanOutTarget";

describe("the p99 fan-out target", () => {
  it("passes within 1.5x the relay even when the reference is faster", () => {
    const verdict = fanOutTarget([1.4, 1.5, 1.4], [1.0, 1.0, 1.0], [1.0, 1.0, 1.0]);
    expect(verdict.vsRelay).toBeCloseTo(1.4);
    expect(verdict.vsReference).toBeCloseTo(1.4);
    expect(verdict.pass).toBe(true);
  });

  it("passes beyond 1.5x the relay when no worse than the reference of the same run", () => {
    const verdict = fanOutTarget([2.0, 2.0, 2.0], [2.0, 2.0, 2.0], [1.0, 1.0, 1.0]);
    expect(verdict.vsRelay).toBeCloseTo(2.0);
    expect(verdict.vsReference).toBeCloseTo(1.0);
    expect(verdict.pass).toBe(true);
  });

  it("fails when beyond 1.5x the relay and worse than the reference", () => {
    const verdict = fanOutTarget([1.6, 1.6, 1.6], [1.5, 1.5, 1.5], [1.0, 1.0, 1.0]);
    expect(verdict.pass).toBe(false);
  });

  it("compares the medians of the windows, not their worst", () => {
    // One disturbed window of 50 ms in Mutual's: its median stays 1.0.
    const verdict = fanOutTarget([1.0, 50, 1.0], [3.0, 3.0, 3.0], [1.0, 1.0, 1.0]);
    expect(verdict.mutualMs).toBe(1.0);
    expect(verdict.pass).toBe(true);
  });

  it("gives no pass without windows", () => {
    expect(fanOutTarget([], [1.0], [1.0]).pass).toBe(false);
  });
});
