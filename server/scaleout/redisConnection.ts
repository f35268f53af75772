import { Redis } from "ioredis";
import type { Logger } from "../log";

/**
 * The two connections an instance keeps to Redis: one for commands (publish, leases, heartbeats, rate
 * counters) and one in subscriber mode (Redis allows nothing else on it). Both fail fast instead of
 * queueing while disconnected: a change must not wait in a queue to be published minutes later, and an
 * instance that cannot reach Redis stops serving (see `degradation.ts`) until both are back.
 */
export interface RedisConnection {
  readonly commands: Redis;
  readonly subscriber: Redis;
  /** Key and channel names start with this (one deployment, or one test, per prefix). */
  readonly prefix: string;
  /** True while both connections are ready. */
  readonly up: boolean;
  /** Called on every change of `up`. */
  onChange(listener: (up: boolean) => void): void;
  /** Resolves once both are ready (the first time, or again after a loss). */
  ready(): Promise<void>;
  /** Round trip of a PING, for the health endpoint; throws when Redis does not answer in `timeoutMs`. */
  ping(timeoutMs: number): Promise<number>;
  close(): Promise<void>;
}

export function openRedisConnection(options: { url: string; prefix: string; log: Logger }): RedisConnection {
  const { url, prefix, log } = options;
  const settings = {
    lazyConnect: false,
    enableOfflineQueue: false,
    // Our subscriptions follow the loaded rooms, which are dropped when Redis is lost (see degradation).
    autoResubscribe: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    // Reconnect quickly at first, then every second, for ever: the instance recovers by itself.
    retryStrategy: (attempt: number) => Math.min(50 * attempt, 1000),
  };
  const commands = new Redis(url, { ...settings, connectionName: "mutual-commands" });
  const subscriber = new Redis(url, { ...settings, connectionName: "mutual-subscriber" });
  const listeners: Array<(up: boolean) => void> = [];
  let up = false;
  let waiting: Array<() => void> = [];
  let closing = false;

  const update = () => {
    const now = commands.status === "ready" && subscriber.status === "ready";
    if (now === up) return;
    up = now;
    log[up ? "info" : "warn"]("redis.connection", { up });
    if (up) {
      const resolved = waiting;
      waiting = [];
      for (const resolve of resolved) resolve();
    }
    if (!closing) for (const listener of listeners) listener(up);
  };
  for (const client of [commands, subscriber]) {
    client.on("ready", update);
    client.on("close", update);
    client.on("end", update);
    // ioredis reports every failed attempt; the state change above is what an operator needs.
    client.on("error", () => {});
  }

  return {
    commands,
    subscriber,
    prefix,
    get up() {
      return up;
    },
    onChange(listener) {
      listeners.push(listener);
    },
    ready() {
      return up ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve));
    },
    async ping(timeoutMs) {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          commands.ping(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error("Redis did not answer")), timeoutMs);
          }),
        ]);
      } finally {
        clearTimeout(timer);
      }
      return performance.now() - started;
    },
    async close() {
      closing = true;
      await Promise.allSettled([commands.quit(), subscriber.quit()]);
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}
