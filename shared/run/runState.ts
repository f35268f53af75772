import type { RunPhaseKind } from "../templates/templateSchema";
import type { RunCommand, RunPhasePlan } from "./runCommands";

export type { RunCommand, RunPhasePlan } from "./runCommands";

/**
 * A facilitated run's state (issue 31), kept in the document's run map (shared/schema/runLayout) and
 * changed only by the server, through these pure functions, on a facilitator's request. Times are the
 * server's clock in ms; clients turn them into a countdown with their measured offset (remainingMs).
 */
export interface RunPhaseState {
  kind: RunPhaseKind;
  /** Planned length; 0 for moments (reveal, close) that have no timer. */
  minutes: number;
  /** When it actually started and ended (server ms); null until then. */
  startedAt: number | null;
  endedAt: number | null;
  /** Skipped rather than run. */
  skipped: boolean;
}

export interface RunSettings {
  /** Chosen before the start, fixed after: contributions are revealed with no author. */
  anonymous: boolean;
  dotsPerPerson: number;
  /** Several dots on one contribution. */
  severalDotsOnOne: boolean;
  /** Who may turn a contribution into an action. */
  actionsBy: "everyone" | "facilitators";
}

export interface RunLocks {
  /** The whole document: only facilitators edit. */
  document: boolean;
  /** Section ids locked one by one. */
  sections: string[];
}

export interface RunState {
  status: "running" | "closed";
  phases: RunPhaseState[];
  current: number;
  /** When the current phase's time is up (server ms); null while paused or in a phase without a timer. */
  deadline: number | null;
  /** Time left when it was paused; null when not paused. */
  pausedRemainingMs: number | null;
  settings: RunSettings;
  revealed: boolean;
  voteClosed: boolean;
  locks: RunLocks;
  startedAt: number;
  closedAt: number | null;
}

export const RUN_LIMITS = { phases: 12, maxMinutes: 240, maxDots: 20, maxAdjustMinutes: 60 } as const;

export const DEFAULT_RUN_SETTINGS: RunSettings = {
  anonymous: false,
  dotsPerPerson: 3,
  severalDotsOnOne: true,
  actionsBy: "everyone",
};

/** Why a command cannot apply to the run as it is. */
export type RunRefusal =
  | "notStarted"
  | "alreadyStarted"
  | "closed"
  | "noSuchPhase"
  | "notPaused"
  | "paused"
  | "moved";

const phaseMs = (phase: RunPhaseState) => phase.minutes * 60_000;

/** Enters phase `index` at `now`: its clock starts afresh. */
function enter(state: RunState, index: number, now: number): RunState {
  const phases = state.phases.map((phase, i) => {
    if (i === state.current && phase.endedAt === null && phase.startedAt !== null)
      return { ...phase, endedAt: now };
    if (i === index) return { ...phase, startedAt: now, endedAt: null, skipped: false };
    return phase;
  });
  const entered = phases[index]!;
  return {
    ...state,
    phases,
    current: index,
    deadline: entered.minutes > 0 ? now + phaseMs(entered) : null,
    pausedRemainingMs: null,
  };
}

export function startRun(plan: RunPhasePlan[], settings: RunSettings, now: number): RunState {
  const phases: RunPhaseState[] = plan.map((p) => ({ ...p, startedAt: null, endedAt: null, skipped: false }));
  const initial: RunState = {
    status: "running",
    phases,
    current: 0,
    deadline: null,
    pausedRemainingMs: null,
    settings,
    revealed: false,
    voteClosed: false,
    locks: { document: false, sections: [] },
    startedAt: now,
    closedAt: null,
  };
  return enter(initial, 0, now);
}

/** Applies a timing or navigation command; reveal, votes and close have effects beyond the state (server/run). */
export function applyRunCommand(
  state: RunState | null,
  command: RunCommand,
  now: number,
): RunState | RunRefusal {
  if (command.type === "start")
    return state ? "alreadyStarted" : startRun(command.phases, command.settings, now);
  if (!state) return "notStarted";
  if (state.status === "closed") return "closed";
  if ("at" in command && command.at !== undefined && command.at !== state.current) return "moved";
  switch (command.type) {
    case "next":
    case "skip": {
      if (state.current + 1 >= state.phases.length) return "noSuchPhase";
      const moved = enter(state, state.current + 1, now);
      if (command.type === "skip")
        moved.phases[state.current] = { ...moved.phases[state.current]!, skipped: true };
      return moved;
    }
    case "back":
      if (state.current === 0) return "noSuchPhase";
      return enter(state, state.current - 1, now);
    case "adjust": {
      const delta = command.minutes * 60_000;
      const phases = state.phases.map((p, i) =>
        i === state.current
          ? { ...p, minutes: Math.max(0, Math.min(RUN_LIMITS.maxMinutes, p.minutes + command.minutes)) }
          : p,
      );
      if (state.pausedRemainingMs !== null) {
        return { ...state, phases, pausedRemainingMs: Math.max(0, state.pausedRemainingMs + delta) };
      }
      // A phase without a timer gets one from now.
      const deadline =
        state.deadline === null ? now + Math.max(0, delta) : Math.max(now, state.deadline + delta);
      return { ...state, phases, deadline };
    }
    case "plan": {
      const kept = state.phases.slice(0, state.current + 1);
      const later = command.phases.map((p) => ({ ...p, startedAt: null, endedAt: null, skipped: false }));
      if (kept.length + later.length > RUN_LIMITS.phases) return "noSuchPhase";
      return { ...state, phases: [...kept, ...later] };
    }
    case "pause":
      if (state.pausedRemainingMs !== null) return "paused";
      if (state.deadline === null) return "notPaused";
      return { ...state, deadline: null, pausedRemainingMs: Math.max(0, state.deadline - now) };
    case "resume":
      if (state.pausedRemainingMs === null) return "notPaused";
      return { ...state, deadline: now + state.pausedRemainingMs, pausedRemainingMs: null };
    case "lock": {
      if (command.sectionId === null)
        return { ...state, locks: { ...state.locks, document: command.locked } };
      const others = state.locks.sections.filter((id) => id !== command.sectionId);
      return {
        ...state,
        locks: { ...state.locks, sections: command.locked ? [...others, command.sectionId] : others },
      };
    }
    case "reveal":
      return { ...state, revealed: true };
    case "closeVote":
      return { ...state, voteClosed: true };
    case "openVote":
      return { ...state, voteClosed: false };
    case "close": {
      const phases = state.phases.map((p, i) =>
        i === state.current && p.endedAt === null ? { ...p, endedAt: now } : p,
      );
      return { ...state, phases, status: "closed", closedAt: now, deadline: null, pausedRemainingMs: null };
    }
  }
}

/** Time left in the current phase at the server time `serverNow`; null when the phase has no timer. */
export function remainingMs(state: RunState, serverNow: number): number | null {
  if (state.status === "closed") return null;
  if (state.pausedRemainingMs !== null) return state.pausedRemainingMs;
  if (state.deadline === null) return null;
  return state.deadline - serverNow;
}

/** Votes may be placed: the current phase is a vote phase and the facilitator has not closed it. */
export function votingOpen(state: RunState | null): boolean {
  return (
    state !== null &&
    state.status === "running" &&
    state.phases[state.current]?.kind === "vote" &&
    !state.voteClosed
  );
}

/** Private drafts are written until reveal. */
export function draftsOpen(state: RunState | null): boolean {
  return state !== null && state.status === "running" && !state.revealed;
}

/** Reads the run state from its map value (JSON written by the server); null when absent or not a state. */
export function readRunState(value: unknown): RunState | null {
  if (typeof value !== "object" || value === null) return null;
  const state = value as RunState;
  return Array.isArray(state.phases) && typeof state.current === "number" ? state : null;
}
