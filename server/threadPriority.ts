import { readdirSync, readlinkSync } from "node:fs";
import { setPriority } from "node:os";

/**
 * The nice value of every thread of the server but the event loop's: V8's compiler and garbage
 * collector helpers, libuv's pool and the storage workers. Their work can wait; the event loop that
 * relays changes cannot. At the same priority, a helper woken to compile a function took the event
 * loop's core for up to 4 ms (a scheduler trace of the bench's latency phase on 2 cores); at nice 10 it
 * waits for a free core instead.
 */
export const BACKGROUND_THREAD_NICE = 10;

/** The calling thread's id (on Linux the nice value is per thread, and `/proc/thread-self` names it). */
function ownThreadId(): number {
  return Number(readlinkSync("/proc/thread-self").split("/").pop());
}

/** Lowers the calling thread's CPU priority (a worker thread started after the others were lowered). */
export function lowerThisThreadPriority(): boolean {
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
