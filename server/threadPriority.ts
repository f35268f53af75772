import { readdirSync, readlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { setPriority } from "node:os";
import { fileURLToPath } from "node:url";

/**
 * The nice value of every thread of the server but the event loop's: V8's compiler and garbage
 * collector helpers, libuv's pool and the storage workers. Their work can wait; the event loop that
 * relays changes cannot. At the same priority, a helper woken to compile a function took the event
 * loop's core for up to 4 ms (a scheduler trace of the bench's latency phase on 2 cores); at nice 10 it
 * waits for a free core instead.
 */
export const BACKGROUND_THREAD_NICE = 10;

/**
 * The time slice the event loop asks Linux's scheduler (EEVDF, 6.12 and later) for: the shortest it
 * grants, against 1.4 ms by default on 2 cores. A thread woken by data on a loopback socket is placed on
 * its writer's core and, when its deadline is earlier, preempts it: on the bench's 2 cores the load
 * threads took the event loop's core in the middle of a broadcast, frame after frame. A short slice
 * makes the event loop's deadline early, so it finishes writing first; it needs no privilege (a higher
 * priority does). Three scratch A/B runs on 2 cores, median window p99 against the bare relay with and
 * without: 1.69x vs 1.87x, 1.23x vs 1.54x, 1.10x vs 1.31x; p50 0.26-0.27 vs 0.35-0.37 ms.
 */
export const EVENT_LOOP_SLICE_NS = 100_000;

/** The slice addon (`server/native/schedSlice`, built by `npm install`); workers load it by this path. */
export const SLICE_ADDON = fileURLToPath(
  new URL("./native/schedSlice/build/Release/schedSlice.node", import.meta.url),
);

type SetSlice = (threadId: number, nanoseconds: number) => number;
const setSlice = ((): SetSlice | null => {
  try {
    return (createRequire(import.meta.url)(SLICE_ADDON) as { setSlice: SetSlice }).setSlice;
  } catch {
    return null; // not built (not Linux, or installed without scripts): slices stay the default
  }
})();

/** Asks for the event loop's short slice for the calling thread; false when it was not granted. */
export function shortenThisThreadSlice(): boolean {
  return setSlice?.(0, EVENT_LOOP_SLICE_NS) === 0;
}

/** The calling thread's id (on Linux the nice value is per thread, and `/proc/thread-self` names it). */
function ownThreadId(): number {
  return Number(readlinkSync("/proc/thread-self").split("/").pop());
}

/**
 * Lowers the calling thread's CPU priority (a worker thread started after the others were lowered),
 * with the default slice: a thread inherits its creator's, and the event loop's is for the event loop.
 */
export function lowerThisThreadPriority(): boolean {
  setSlice?.(0, 0);
  try {
    setPriority(ownThreadId(), BACKGROUND_THREAD_NICE);
    return true;
  } catch {
    return false; // not Linux, or refused: nothing changes
  }
}

/**
 * Lowers the CPU priority of every thread of the process that exists now, except the calling one (the
 * event loop's). Threads started later inherit the caller's priority; returns how many were lowered.
 */
export function lowerOtherThreadsPriority(): number {
  let lowered = 0;
  try {
    const own = ownThreadId();
    for (const threadId of readdirSync("/proc/self/task").map(Number)) {
      if (threadId === own) continue;
      try {
        setPriority(threadId, BACKGROUND_THREAD_NICE);
        lowered++;
      } catch {
        // the thread ended meanwhile
      }
    }
  } catch {
    // not Linux: nothing changes
  }
  return lowered;
}
