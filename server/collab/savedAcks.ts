import { encodeSavedMessage } from "../../shared/protocol/savedMessage";
import type { Connection } from "./Connection";
import type { UpdateClocks } from "./inspectUpdate";

/**
 * Gathers a connection's "saved" acknowledgements for `delayMs` from its first unacknowledged change
 * and sends them as one message: a typist gets a few acks a second instead of one per keystroke. Each
 * connection has its own timer, so acks go out spread over time rather than in one burst for everyone.
 */
export function createSavedAcks(delayMs: number) {
  const pending = new Map<Connection, { clocks: UpdateClocks; timer: NodeJS.Timeout }>();

  const send = (connection: Connection) => {
    const entry = pending.get(connection);
    if (!entry) return;
    pending.delete(connection);
    clearTimeout(entry.timer);
    connection.send(encodeSavedMessage(entry.clocks));
  };

  return {
    add(connection: Connection, clocks: UpdateClocks) {
      const entry = pending.get(connection);
      if (!entry) {
        const timer = setTimeout(() => send(connection), delayMs);
        pending.set(connection, { clocks: new Map(clocks), timer });
        return;
      }
      for (const [client, clock] of clocks)
        if (clock > (entry.clocks.get(client) ?? 0)) entry.clocks.set(client, clock);
    },
    /** Sends every gathered acknowledgement now (shutdown). */
    flush() {
      for (const connection of [...pending.keys()]) send(connection);
    },
  };
}
