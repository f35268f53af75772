import { encodeSavedMessage } from "../../shared/protocol/savedMessage";
import type { Connection } from "./Connection";
import type { UpdateClocks } from "./inspectUpdate";

/**
 * "Saved" acknowledgements, gathered per connection and sent when its author pauses for `quietMs`, or
 * `maxWaitMs` after the first unacknowledged change while they keep typing: the author sees "saved"
 * as soon as they stop, and a typist costs a message every few seconds instead of one per keystroke.
 * Each connection has its own timer, so acknowledgements never go out as one burst for everyone.
 */
export function createSavedAcks(options: { quietMs: number; maxWaitMs: number }) {
  const { quietMs, maxWaitMs } = options;
  const pending = new Map<Connection, { clocks: UpdateClocks; since: number; timer: NodeJS.Timeout }>();

  const send = (connection: Connection) => {
    const entry = pending.get(connection);
    if (!entry) return;
    pending.delete(connection);
    clearTimeout(entry.timer);
    connection.send(encodeSavedMessage(entry.clocks));
  };

  return {
    add(connection: Connection, clocks: UpdateClocks) {
      const now = performance.now();
      const entry = pending.get(connection);
      if (!entry) {
        const timer = setTimeout(() => send(connection), quietMs);
        pending.set(connection, { clocks: new Map(clocks), since: now, timer });
        return;
      }
      for (const [client, clock] of clocks)
        if (clock > (entry.clocks.get(client) ?? 0)) entry.clocks.set(client, clock);
      // Still typing: wait for the next pause, unless that would pass the longest wait.
      if (now + quietMs - entry.since <= maxWaitMs) entry.timer.refresh();
    },
    /** Sends every gathered acknowledgement now (shutdown). */
    flush() {
      for (const connection of [...pending.keys()]) send(connection);
    },
  };
}
