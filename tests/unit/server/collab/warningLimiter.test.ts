import { describe, expect, it } from "vitest";
import { createWarningLimiter } from "../../../../server/collab/warningLimiter";

function limiter(options: { perWindow?: number; windowMs?: number; maxAddresses?: number } = {}) {
  const clock = { now: 1_000 };
  const limit = createWarningLimiter({
    perWindow: options.perWindow ?? 3,
    windowMs: options.windowMs ?? 60_000,
    maxAddresses: options.maxAddresses ?? 100,
    now: () => clock.now,
  });
  /** How many of `count` warnings about `address` may be logged now. */
  const logged = (address: string, count = 1) =>
    Array.from({ length: count }, () => limit.take(address)).filter((verdict) => verdict.log).length;
  return { limit, clock, logged };
}

describe("the warning limiter", () => {
  it("lets through `perWindow` warnings per address per window and holds back the rest", () => {
    const { logged } = limiter({ perWindow: 3 });
    expect(logged("203.0.113.7", 309)).toBe(3);
  });

  it("counts each address on its own", () => {
    const { logged } = limiter({ perWindow: 3 });
    expect(logged("203.0.113.7", 10)).toBe(3);
    expect(logged("198.51.100.2", 10)).toBe(3);
  });

  it("says, on the first line of the next window, how many were held back", () => {
    const { limit, clock, logged } = limiter({ perWindow: 2, windowMs: 60_000 });
    expect(logged("203.0.113.7", 7)).toBe(2);
    clock.now += 59_999;
    expect(limit.take("203.0.113.7")).toEqual({ log: false });
    clock.now += 1;
    expect(limit.take("203.0.113.7")).toEqual({ log: true, suppressed: 6 });
    expect(limit.take("203.0.113.7")).toEqual({ log: true, suppressed: 0 });
  });

  it("remembers at most `maxAddresses` addresses, forgetting the least recently heard first", () => {
    const { limit, logged } = limiter({ perWindow: 1, maxAddresses: 3 });
    for (const address of ["a", "b", "c"]) expect(logged(address)).toBe(1);
    expect(logged("a")).toBe(0); // "a" is now the most recently heard
    expect(logged("d")).toBe(1); // "b" is forgotten
    expect(limit.size).toBe(3);
    expect(logged("a")).toBe(0);
    expect(logged("c")).toBe(0);
    expect(logged("b")).toBe(1); // starts afresh
    for (let i = 0; i < 10_000; i++) limit.take(`10.0.${i >> 8}.${i & 255}`);
    expect(limit.size).toBe(3);
  });
});
