import type { Logger } from "../log";

/**
 * Whether this instance can serve collaboration now. While a dependency it needs (Redis, the
 * database) is unreachable it cannot relay or store safely: every socket is closed with "service
 * restart" (1012: clients show "reconnecting" and retry) and new ones are refused the same way, so a
 * client never sees an edit acknowledged that was not stored, nor silently stops hearing its peers.
 * Each dependency is watched on its own; service resumes by itself once all are back.
 */
export interface Degradation {
  /** Why new sockets are refused now, or null when serving. */
  refusing(): string | null;
  down(dependency: string, reason: string): void;
  up(dependency: string): void;
  /** Dependency → "ok" or why it is down. */
  states(): Record<string, string>;
}

export function createDegradation(options: {
  log: Logger;
  dependencies: readonly string[];
  onDegraded: (reason: string) => void;
  onRecovered: () => void;
}): Degradation {
  const { log } = options;
  const down = new Map<string, string>();
  return {
    refusing() {
      const [first] = down;
      return first ? `${first[0]} unreachable; reconnecting` : null;
    },
    down(dependency, reason) {
      if (down.has(dependency)) return;
      const wasServing = down.size === 0;
      down.set(dependency, reason);
      log.warn("service.degraded", { dependency, reason });
      if (wasServing) options.onDegraded(`${dependency} unreachable; reconnecting`);
    },
    up(dependency) {
      if (!down.delete(dependency)) return;
      log.info("service.dependency_back", { dependency });
      if (down.size === 0) {
        log.info("service.recovered", {});
        options.onRecovered();
      }
    },
    states() {
      return Object.fromEntries(options.dependencies.map((name) => [name, down.get(name) ?? "ok"]));
    },
  };
}

/**
 * Pings the database every `intervalMs` (with a timeout as long): a failure degrades the instance, the
 * next success restores it. Returns a stop function.
 */
export function watchDatabase(options: {
  ping: () => Promise<unknown>;
  degradation: Degradation;
  intervalMs?: number;
}): () => void {
  const intervalMs = options.intervalMs ?? 2000;
  let running = false;
  const check = async () => {
    if (running) return;
    running = true;
    try {
      await withTimeout(options.ping(), intervalMs, "database did not answer");
      options.degradation.up("database");
    } catch (error) {
      options.degradation.down("database", (error as Error).message);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
