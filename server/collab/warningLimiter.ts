/** Whether a warning may be logged now; when it may, how many from the same address were held back before it. */
export type WarningVerdict = { log: true; suppressed: number } | { log: false };

export interface WarningLimiter {
  /** Counts one warning about `address` (a remote address) and says whether to log it. */
  take(address: string): WarningVerdict;
  /** Addresses remembered now (never more than `maxAddresses`). */
  readonly size: number;
}

interface Window {
  start: number;
  logged: number;
  suppressed: number;
}

/**
 * At most `perWindow` warnings per remote address every `windowMs`: one client sending garbage, or
 * opening socket after socket, cannot fill the disk with log lines. The first line logged after a
 * quiet spell says how many were held back. Memory is bounded: the `maxAddresses` addresses heard
 * from most recently are remembered (an address forgotten starts afresh and its held-back count is lost).
 */
export function createWarningLimiter(options: {
  perWindow: number;
  windowMs: number;
  maxAddresses: number;
  now?: () => number;
}): WarningLimiter {
  const { perWindow, windowMs, maxAddresses } = options;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on every use keeps the least recent first.
  const windows = new Map<string, Window>();

  return {
    take(address) {
      const time = now();
      let window = windows.get(address);
      if (window) windows.delete(address);
      if (!window || time - window.start >= windowMs) {
        window = { start: time, logged: 0, suppressed: window?.suppressed ?? 0 };
      }
      windows.set(address, window);
      if (windows.size > maxAddresses) windows.delete(windows.keys().next().value as string);
      if (window.logged >= perWindow) {
        window.suppressed++;
        return { log: false };
      }
      window.logged++;
      const suppressed = window.suppressed;
      window.suppressed = 0;
      return { log: true, suppressed };
    },
    get size() {
      return windows.size;
    },
  };
}
