import { encodeSavedMessage } from "../../shared/protocol/savedMessage";
import type { Connection } from "./Connection";
import type { UpdateClocks } from "./inspectUpdate";

/**
 * Gathers "saved" acknowledgements for `delayMs` and sends one message per connection: a typist gets a
 * few acks a second instead of one per keystroke, which keeps them off the relay's hot path.
 */
export function createSavedAcks(delayMs: number) {
  let pending = new Map<Connection, UpdateClocks>();
  let timer: NodeJS.Timeout | null = null;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const due = pending;
    pending = new Map();
    for (const [connection, clocks] of due) connection.send(encodeSavedMessage(clocks));
  };

  return {
    add(connection: Connection, clocks: UpdateClocks) {
      const gathered = pending.get(connection);
      if (!gathered) pending.set(connection, new Map(clocks));
      else
        for (const [client, clock] of clocks)
          if (clock > (gathered.get(client) ?? 0)) gathered.set(client, clock);
      timer ??= setTimeout(flush, delayMs);
    },
    flush,
  };
}
