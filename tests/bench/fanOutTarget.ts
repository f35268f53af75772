import { median } from "./latency";

/** The relay's p99 times this bounds Mutual's; or Mutual is no worse than the reference. */
export const RELAY_FACTOR = 1.5;

export interface FanOutVerdict {
  /** Median of the windows' p99 for each server, in ms. */
  mutualMs: number;
  relayMs: number;
  referenceMs: number;
  vsRelay: number;
  vsReference: number;
  pass: boolean;
}

/**
 * The p99 fan-out target: Mutual within 1.5x the bare relay OR no worse than the reference server, both
 * measured in the same run, comparing the medians of the windows' p99 (one window disturbed by the
 * machine moves a pooled p99 a lot, a median little).
 */
export function fanOutTarget(
  mutualWindowsMs: readonly number[],
  referenceWindowsMs: readonly number[],
  relayWindowsMs: readonly number[],
): FanOutVerdict {
  const mutualMs = median(mutualWindowsMs);
  const relayMs = median(relayWindowsMs);
  const referenceMs = median(referenceWindowsMs);
  const vsRelay = mutualMs / relayMs;
  const vsReference = mutualMs / referenceMs;
  return {
    mutualMs,
    relayMs,
    referenceMs,
    vsRelay,
    vsReference,
    // NaN (no windows) compares false: no verdict of PASS without measurements.
    pass: vsRelay <= RELAY_FACTOR || vsReference <= 1,
  };
}
