import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";

/**
 * The nice value of the threads that only move data to the database (append and checkpoint workers).
 * Their work can wait: a change is durable in the journal before it is relayed. The event loop that
 * relays changes cannot, and on a machine with few cores a commit that takes a core for a few
 * milliseconds otherwise delays every relay scheduled behind it.
 */
export const STORAGE_THREAD_NICE = 10;

/**
 * Lowers the calling thread's CPU priority to `STORAGE_THREAD_NICE`. On Linux the nice value is per
 * thread and `/proc/thread-self` names the thread; elsewhere, or when refused, nothing changes.
 */
export function lowerThisThreadPriority(): boolean {
  try {
    const threadId = Number(readlinkSync("/proc/thread-self").split("/").pop());
    setPriority(threadId, STORAGE_THREAD_NICE);
    return true;
  } catch {
    return false;
  }
}
