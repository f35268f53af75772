import { encodeSavedMessage } from "../../shared/protocol/savedMessage";
import type { Connection } from "./Connection";
import type { UpdateClocks } from "./inspectUpdate";

interface Pending {
  clocks: UpdateClocks;
  /** When the first unacknowledged change came, and the latest. */
  since: number;
  last: number;
  timer: NodeJS.Timeout;
}

/**
 * "Saved" acknowledgements, gathered per connection and sent when its author pauses for `quietMs`, or
 * `maxWaitMs` after the first unacknowledged change while they keep typing: the author sees "saved"
 * as soon as they stop, and a typist costs a message every few seconds instead of one per keystroke.
 * Each connection has its own timer, so acknowledgements never go out as one burst for everyone. A
 * change only notes its time; the timer, when it fires before the author paused, waits again for what
 * is left (so a keystroke costs no timer work).
 */
export function createSavedAcks(options: { quietMs: number; maxWaitMs: number }) {
  const { quietMs, maxWaitMs } = options;
  const pending = new Map<Connection, Pending>();

  const send = (connection: Connection) => {
    const entry = pending.get(connection);
    if (!entry) return;
    pending.delete(connection);
    clearTimeout(entry.timer);
    connection.send(encodeSavedMessage(entry.clocks));
  };

  const due = (connection: Connection) => {
    const entry = pending.get(connection);
    if (!entry) return;
    const wait = Math.min(entry.last + quietMs, entry.since + maxWaitMs) - performance.now();
    if (wait >= 1) entry.timer = setTimeout(due, Math.ceil(wait), connection);
    else send(connection);
  };

  return {
    add(connection: Connection, clocks: UpdateClocks) {
      const now = performance.now();
      const entry = pending.get(connection);
      if (!entry) {
        const timer = setTimeout(due, quietMs, connection);
        pending.set(connection, { clocks: new Map(clocks), since: now, last: now, timer });
        return;
      }
      entry.last = now;
      for (const [client, clock] of clocks)
        if (clock > (entry.clocks.get(client) ?? 0)) entry.clocks.set(client, clock);
    },
    /** Sends every gathered acknowledgement now (shutdown). */
    flush() {
      for (const connection of [...pending.keys()]) send(connection);
    },
  };
}
