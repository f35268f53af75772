import type { Logger } from "../log";
import type { RedisConnection } from "./redisConnection";

/** Who is in which document of an exchange (the exchange page's "who is where"). */
export interface PresenceEntry {
  participantId: string;
  documentId: string;
}

type PresenceMessage =
  | { instance: string; exchangeId: string; entries: PresenceEntry[] }
  | { instance: string; query: true };

/**
 * Presence per exchange across instances. Each instance publishes its own sockets' presence for an
 * exchange when it changes (gathered over `debounceMs`), keeps the others' last word, and answers a
 * newcomer's query with all of its own; a dead instance's entries are forgotten (heartbeats). Reading
 * stays synchronous: the exchange page merges this instance's live sockets with what the others said.
 */
export async function startPresenceBus(options: {
  redis: RedisConnection;
  instanceId: string;
  log: Logger;
  /** This instance's own presence for an exchange, from its live sockets. */
  local: (exchangeId: string) => PresenceEntry[];
  debounceMs?: number;
}): Promise<{
  changed(exchangeId: string): void;
  presence(exchangeId: string): PresenceEntry[];
  forget(instance: string): void;
}> {
  const { redis, instanceId, log, local } = options;
  const channel = `${redis.prefix}presence`;
  const remote = new Map<string, Map<string, PresenceEntry[]>>();
  /** Exchanges with sockets here at the last publication (answered to a query). */
  const published = new Map<string, PresenceEntry[]>();
  const due = new Set<string>();
  let scheduled = false;

  const publish = (message: PresenceMessage) => {
    if (!redis.up) return;
    redis.commands.publish(channel, JSON.stringify(message)).catch((error: Error) => {
      log.warn("presence.publish_failed", { error: error.message });
    });
  };
  const announce = (exchangeId: string) => {
    const entries = local(exchangeId);
    if (entries.length > 0) published.set(exchangeId, entries);
    else published.delete(exchangeId);
    publish({ instance: instanceId, exchangeId, entries });
  };
  const flush = () => {
    scheduled = false;
    for (const exchangeId of due) announce(exchangeId);
    due.clear();
  };

  redis.subscriber.on("message", (from: string, text: string) => {
    if (from !== channel) return;
    let message: PresenceMessage;
    try {
      message = JSON.parse(text) as PresenceMessage;
    } catch {
      return;
    }
    if (message.instance === instanceId) return;
    if ("query" in message) {
      for (const exchangeId of published.keys()) announce(exchangeId);
      return;
    }
    let byExchange = remote.get(message.instance);
    if (!byExchange) {
      byExchange = new Map();
      remote.set(message.instance, byExchange);
    }
    if (message.entries.length > 0) byExchange.set(message.exchangeId, message.entries);
    else byExchange.delete(message.exchangeId);
  });
  const join = async () => {
    await redis.subscriber.subscribe(channel);
    publish({ instance: instanceId, query: true });
  };
  await redis.ready();
  await join();
  redis.onChange((up) => {
    if (!up) return;
    // What the others said while we could not hear them is lost: ask again.
    remote.clear();
    join().catch((error: Error) => log.error("presence.subscribe_failed", { error: error.message }));
  });

  return {
    changed(exchangeId) {
      due.add(exchangeId);
      if (scheduled) return;
      scheduled = true;
      setTimeout(flush, options.debounceMs ?? 100);
    },
    presence(exchangeId) {
      const seen = new Map<string, PresenceEntry>();
      const add = (entry: PresenceEntry) => seen.set(`${entry.participantId}/${entry.documentId}`, entry);
      local(exchangeId).forEach(add);
      for (const byExchange of remote.values()) byExchange.get(exchangeId)?.forEach(add);
      return [...seen.values()];
    },
    forget(instance) {
      remote.delete(instance);
    },
  };
}
