import type * as Y from "yjs";
import {
  type AgendaSession,
  DEFAULT_WORKING_HOURS,
  type WorkingHours,
  workingHoursMap,
} from "./agendaLayout";
import { dayOf, instantToWall } from "./agendaTime";

/** What the out-of-hours check needs of a delegation. */
export interface DelegationHours {
  id: string;
  timeZone: string;
  hours: WorkingHours;
}

/** A delegation's working hours from the agenda (default 08:00-20:00); malformed entries read as the default. */
export function readWorkingHours(doc: Y.Doc, delegationId: string): WorkingHours {
  const value = workingHoursMap(doc).get(delegationId);
  return isWorkingHours(value) ? { start: value.start, end: value.end } : DEFAULT_WORKING_HOURS;
}

export function isWorkingHours(value: unknown): value is WorkingHours {
  if (typeof value !== "object" || value === null) return false;
  const { start, end } = value as Record<string, unknown>;
  return (
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    (start as number) >= 0 &&
    (end as number) <= 24 * 60 &&
    (start as number) < (end as number)
  );
}

/**
 * True when any part of the session falls outside the delegation's working hours on its own clock:
 * it starts before they begin, ends after they end, or runs across the delegation's midnight.
 */
export function isOutOfHours(
  session: Pick<AgendaSession, "start" | "end">,
  delegation: DelegationHours,
): boolean {
  const start = instantToWall(session.start, delegation.timeZone);
  const end = instantToWall(session.end, delegation.timeZone);
  const { hours } = delegation;
  if (start.minutes < hours.start) return true;
  if (end.date === start.date) return end.minutes > hours.end;
  // Ending exactly at the next midnight counts as the same evening.
  const endsAtMidnight = end.minutes === 0 && dayOf(session.end - 1, delegation.timeZone) === start.date;
  return !endsAtMidnight || hours.end < 24 * 60;
}

/** The delegations for whom a session is out of hours. */
export function outOfHoursFor(
  session: Pick<AgendaSession, "start" | "end">,
  delegations: readonly DelegationHours[],
): DelegationHours[] {
  return delegations.filter((delegation) => isOutOfHours(session, delegation));
}

/** The room or track a session takes: empty means the main room; compared without case or spaces. */
export function trackKey(track: string): string {
  return track.trim().toLocaleLowerCase().replace(/\s+/g, " ");
}

/**
 * For each session, the ids of the sessions it overlaps in the same room/track (touching ends do not
 * overlap). Sorted by start, each only compared with those still running: n log n for a normal agenda.
 */
export function findOverlaps(sessions: readonly AgendaSession[]): Map<string, string[]> {
  const result = new Map<string, string[]>();
  const byTrack = new Map<string, AgendaSession[]>();
  for (const session of sessions) {
    const key = trackKey(session.track);
    const list = byTrack.get(key) ?? [];
    list.push(session);
    byTrack.set(key, list);
  }
  for (const list of byTrack.values()) {
    list.sort((a, b) => a.start - b.start || a.end - b.end);
    const running: AgendaSession[] = [];
    for (const session of list) {
      for (let i = running.length - 1; i >= 0; i--) {
        const other = running[i] as AgendaSession;
        if (other.end <= session.start) running.splice(i, 1);
        else {
          push(result, session.id, other.id);
          push(result, other.id, session.id);
        }
      }
      running.push(session);
    }
  }
  return result;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}

export interface AgendaDay {
  /** "2026-03-29" in the exchange's home zone. */
  date: string;
  sessions: AgendaSession[];
  /** Time in sessions other than breaks, milliseconds; time covered by two parallel sessions counts once. */
  busyMs: number;
  /** Time in breaks, milliseconds. */
  breakMs: number;
  /** From the first start to the last end. */
  firstStart: number;
  lastEnd: number;
}

/** Sessions grouped into days of the home zone (by their start), days in date order. */
export function groupByDay(sessions: readonly AgendaSession[], homeZone: string): AgendaDay[] {
  const days = new Map<string, AgendaSession[]>();
  for (const session of sessions) {
    const date = dayOf(session.start, homeZone);
    const list = days.get(date) ?? [];
    list.push(session);
    days.set(date, list);
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, list]) => ({
      date,
      sessions: list,
      busyMs: coveredMs(list.filter((s) => s.type !== "break")),
      breakMs: coveredMs(list.filter((s) => s.type === "break")),
      firstStart: Math.min(...list.map((s) => s.start)),
      lastEnd: Math.max(...list.map((s) => s.end)),
    }));
}

/** Length of the union of the sessions' intervals. */
export function coveredMs(sessions: readonly Pick<AgendaSession, "start" | "end">[]): number {
  const sorted = [...sessions].sort((a, b) => a.start - b.start);
  let total = 0;
  let from = Number.NEGATIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const { start, end } of sorted) {
    if (start > to) {
      if (to > from) total += to - from;
      from = start;
      to = end;
    } else to = Math.max(to, end);
  }
  if (to > from) total += to - from;
  return total;
}
