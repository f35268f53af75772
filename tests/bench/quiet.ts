import { MACHINE_CORES, machineJiffies } from "./procStats";

/** Below this many busy cores (everything: other processes included) the machine counts as quiet. */
const QUIET_CORES = 0.35;
const WINDOW_MS = 500;

/**
 * The machine may be shared (other test runs, browsers): before a measurement, wait until it is quiet
 * for one window, at most `maxWaitMs`. Call only while our own server and load are idle. Returns the
 * busy cores of the last window and how long we waited.
 */
export async function waitForQuiet(maxWaitMs: number): Promise<{ busyCores: number; waitedMs: number }> {
  const cores = MACHINE_CORES;
  const started = performance.now();
  for (;;) {
    const before = machineJiffies();
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
    const after = machineJiffies();
    const busyCores = (cores * (after.busy - before.busy)) / Math.max(1, after.total - before.total);
    const waitedMs = performance.now() - started;
    if (busyCores < QUIET_CORES || waitedMs >= maxWaitMs) return { busyCores, waitedMs };
  }
}
