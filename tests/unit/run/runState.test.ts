import { describe, expect, it } from "vitest";
import { checkDots } from "../../../shared/run/runRecords";
import {
  applyRunCommand,
  DEFAULT_RUN_SETTINGS,
  type RunState,
  remainingMs,
  startRun,
  votingOpen,
} from "../../../shared/run/runState";

const MIN = 60_000;
const plan = [
  { kind: "write" as const, minutes: 8 },
  { kind: "reveal" as const, minutes: 0 },
  { kind: "vote" as const, minutes: 3 },
  { kind: "close" as const, minutes: 0 },
];
const apply = (state: RunState, command: Parameters<typeof applyRunCommand>[1], now: number) => {
  const next = applyRunCommand(state, command, now);
  if (typeof next === "string") throw new Error(next);
  return next;
};

describe("run state (server-decided, pure)", () => {
  it("starts in the first phase with its deadline in server time", () => {
    const state = startRun(plan, DEFAULT_RUN_SETTINGS, 1000);
    expect(state.current).toBe(0);
    expect(state.deadline).toBe(1000 + 8 * MIN);
    expect(remainingMs(state, 1000 + MIN)).toBe(7 * MIN);
    expect(
      applyRunCommand(state, { type: "start", phases: plan, settings: DEFAULT_RUN_SETTINGS }, 2000),
    ).toBe("alreadyStarted");
  });

  it("pauses, keeps the time left while paused, resumes from it; adjusts in both directions", () => {
    let state = startRun(plan, DEFAULT_RUN_SETTINGS, 0);
    state = apply(state, { type: "pause" }, 2 * MIN);
    expect(remainingMs(state, 50 * MIN)).toBe(6 * MIN);
    state = apply(state, { type: "adjust", minutes: 1 }, 3 * MIN);
    expect(remainingMs(state, 3 * MIN)).toBe(7 * MIN);
    state = apply(state, { type: "resume" }, 10 * MIN);
    expect(remainingMs(state, 11 * MIN)).toBe(6 * MIN);
    state = apply(state, { type: "adjust", minutes: -2 }, 11 * MIN);
    expect(remainingMs(state, 11 * MIN)).toBe(4 * MIN);
    expect(applyRunCommand(state, { type: "resume" }, 0)).toBe("notPaused");
  });

  it("moves on, back and skips, recording actual times; a phase without time has no timer", () => {
    let state = startRun(plan, DEFAULT_RUN_SETTINGS, 0);
    state = apply(state, { type: "next" }, 5 * MIN);
    expect(state.phases[0]).toMatchObject({ startedAt: 0, endedAt: 5 * MIN });
    expect(state.deadline).toBeNull();
    expect(remainingMs(state, 6 * MIN)).toBeNull();
    state = apply(state, { type: "skip" }, 6 * MIN);
    expect(state.phases[1]!.skipped).toBe(true);
    expect(votingOpen(state)).toBe(true);
    state = apply(state, { type: "back" }, 7 * MIN);
    expect(state.current).toBe(1);
    expect(state.phases[1]!.skipped).toBe(false);
    expect(applyRunCommand(startRun(plan, DEFAULT_RUN_SETTINGS, 0), { type: "back" }, 0)).toBe("noSuchPhase");
  });

  it("closes once; a closed run takes no command", () => {
    const closed = apply(startRun(plan, DEFAULT_RUN_SETTINGS, 0), { type: "close" }, MIN);
    expect(closed).toMatchObject({ status: "closed", closedAt: MIN });
    expect(closed.phases[0]!.endedAt).toBe(MIN);
    expect(applyRunCommand(closed, { type: "next" }, 2 * MIN)).toBe("closed");
  });
});

describe("dots", () => {
  const ids = new Set(["a", "b", "c"]);
  it("refuses more dots than allowed, several on one when not allowed, and unknown contributions", () => {
    expect(checkDots({ a: 2, b: 1 }, { dotsPerPerson: 3, severalDotsOnOne: true }, ids)).toBeNull();
    expect(checkDots({ a: 2, b: 2 }, { dotsPerPerson: 3, severalDotsOnOne: true }, ids)).toBe("tooManyDots");
    expect(checkDots({ a: 2 }, { dotsPerPerson: 3, severalDotsOnOne: false }, ids)).toBe("oneDotEach");
    expect(checkDots({ z: 1 }, { dotsPerPerson: 3, severalDotsOnOne: true }, ids)).toBe(
      "unknownContribution",
    );
  });
});

describe("two facilitators at once", () => {
  it("a 'next' made for a phase the run has left is refused, so two presses move one phase", () => {
    const state = startRun(plan, DEFAULT_RUN_SETTINGS, 0);
    const first = apply(state, { type: "next", at: 0 }, MIN);
    expect(first.current).toBe(1);
    expect(applyRunCommand(first, { type: "next", at: 0 }, MIN)).toBe("moved");
  });
});

describe("changing the plan while running", () => {
  it("replaces the phases after the current one and keeps those already run", () => {
    let state = startRun(plan, DEFAULT_RUN_SETTINGS, 0);
    state = apply(state, { type: "next" }, MIN);
    state = apply(
      state,
      {
        type: "plan",
        phases: [
          { kind: "discuss", minutes: 20 },
          { kind: "close", minutes: 0 },
        ],
      },
      2 * MIN,
    );
    expect(state.phases.map((p) => [p.kind, p.minutes])).toEqual([
      ["write", 8],
      ["reveal", 0],
      ["discuss", 20],
      ["close", 0],
    ]);
    expect(state.phases[0]!.endedAt).toBe(MIN);
    expect(state.current).toBe(1);
  });
});
