import type { Logger } from "../log";
import type { DocumentStorage } from "../storage/DocumentStorage";
import type { Connection } from "./Connection";
import type { UpdateClocks } from "./inspectUpdate";
import type { Room } from "./Room";

/** What a batch write stored on behalf of one room (to acknowledge and to count for compaction). */
export interface FlushedRoom {
  room: Room;
  updates: number;
  /** Per connection that sent some of them, the highest stored clock per Yjs client id. */
  clocksByConnection: Map<Connection, UpdateClocks>;
}

interface Pending {
  room: Room;
  update: Uint8Array;
  origin: Connection;
  clocks: UpdateClocks;
}

export interface UpdateWriter {
  enqueue(room: Room, update: Uint8Array, origin: Connection, clocks: UpdateClocks): void;
  /** Writes everything queued so far; resolves once it is stored (or the write failed and was logged). */
  flush(): Promise<void>;
  /** Stops the timer after a last flush. */
  close(): Promise<void>;
}

/**
 * Group commit of document updates: everything received in `intervalMs` is written in one
 * transaction, never one per keystroke. Writes are serialised; a failed batch is retried with the next.
 */
export function createUpdateWriter(options: {
  storage: DocumentStorage;
  intervalMs: number;
  log: Logger;
  onFlushed: (rooms: FlushedRoom[]) => void;
}): UpdateWriter {
  const { storage, intervalMs, log, onFlushed } = options;
  let queue: Pending[] = [];
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();

  const writeBatch = async (): Promise<void> => {
    timer = null;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    try {
      await storage.appendUpdates(batch.map(({ room, update }) => ({ documentName: room.name, update })));
    } catch (error) {
      // Keep the batch: it is written with the next one. Clients also still hold these edits.
      queue = batch.concat(queue);
      log.error("storage.write_failed", { updates: batch.length, error: (error as Error).message });
      schedule();
      return;
    }
    onFlushed(summarise(batch));
  };

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    writing = writing
      .then(writeBatch)
      .catch((error: Error) => log.error("storage.flush_failed", { error: error.message }));
    return writing;
  };

  const schedule = () => {
    timer ??= setTimeout(flush, intervalMs);
  };

  return {
    enqueue(room, update, origin, clocks) {
      queue.push({ room, update, origin, clocks });
      schedule();
    },
    flush,
    async close() {
      await flush();
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

function summarise(batch: Pending[]): FlushedRoom[] {
  const rooms = new Map<Room, FlushedRoom>();
  for (const { room, origin, clocks } of batch) {
    const entry = rooms.get(room) ?? { room, updates: 0, clocksByConnection: new Map() };
    rooms.set(room, entry);
    entry.updates++;
    const stored = entry.clocksByConnection.get(origin) ?? new Map<number, number>();
    entry.clocksByConnection.set(origin, stored);
    for (const [client, clock] of clocks) if (clock > (stored.get(client) ?? 0)) stored.set(client, clock);
  }
  return [...rooms.values()];
}
