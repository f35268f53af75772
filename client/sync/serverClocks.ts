import * as Y from "yjs";

/**
 * What the server is known to hold, per Yjs client id: raised by its sync step 1 (stored state),
 * by updates it relays to us, and by `saved` acknowledgements of our own updates.
 * The document has unsynced local changes when any client's local clock is ahead of that.
 */
export interface ServerClocks {
  raise(clocks: Map<number, number>): void;
  /** A local update that only deletes (deletions do not advance clocks): pending until the next ack. */
  markDeletePending(): void;
  acknowledge(clocks: Map<number, number>): void;
  hasUnsynced(doc: Y.Doc): boolean;
}

export function createServerClocks(): ServerClocks {
  const known = new Map<number, number>();
  let deletePending = false;
  const raise = (clocks: Map<number, number>) => {
    for (const [client, clock] of clocks) if (clock > (known.get(client) ?? 0)) known.set(client, clock);
  };
  return {
    raise,
    markDeletePending() {
      deletePending = true;
    },
    acknowledge(clocks) {
      raise(clocks);
      deletePending = false;
    },
    hasUnsynced(doc) {
      if (deletePending) return true;
      for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc))) {
        if (clock > (known.get(client) ?? 0)) return true;
      }
      return false;
    },
  };
}

/** True when an update carries deletions but no new content (so clocks alone cannot track it). */
export function isDeleteOnlyUpdate(update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  return structs.length === 0 && ds.clients.size > 0;
}
