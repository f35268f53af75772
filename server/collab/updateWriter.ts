import type { Logger } from "../log";
import type { DocumentStorage } from "../storage/DocumentStorage";
import type { ClientChange } from "./Room";

export interface UpdateWriter {
  enqueue(change: ClientChange): void;
  /** Writes everything queued so far; resolves once it is stored (or the write failed and was logged). */
  flush(): Promise<void>;
  /** A last flush, then no more timers. */
  close(): Promise<void>;
}

/**
 * Group commit of document changes: everything that arrives in the same event-loop turn (or within
 * `intervalMs`, when set) is written in one transaction, then handed on to be relayed. Writes are
 * serialised; a failed batch stays queued and is retried with the next one.
 */
export function createUpdateWriter(options: {
  storage: DocumentStorage;
  intervalMs: number;
  log: Logger;
  onCommitted: (changes: ClientChange[]) => void;
}): UpdateWriter {
  const { storage, intervalMs, log, onCommitted } = options;
  let queue: ClientChange[] = [];
  let scheduled = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();

  const writeBatch = async (): Promise<void> => {
    scheduled = false;
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    try {
      await storage.appendUpdates(
        batch.map(({ room, update, origin, newClientIds }) => ({
          documentName: room.name,
          update,
          author: origin.identity.participantId,
          newClientIds,
        })),
      );
    } catch (error) {
      // Keep the batch for the next attempt; nobody has seen these changes yet, their authors still hold them.
      queue = batch.concat(queue);
      log.error("storage.write_failed", { updates: batch.length, error: (error as Error).message });
      retryTimer ??= setTimeout(() => {
        retryTimer = null;
        void flush();
      }, 1000);
      return;
    }
    onCommitted(batch);
  };

  const flush = (): Promise<void> => {
    writing = writing
      .then(writeBatch)
      .catch((error: Error) => log.error("storage.flush_failed", { error: error.message }));
    return writing;
  };

  return {
    enqueue(change) {
      queue.push(change);
      if (scheduled) return;
      scheduled = true;
      if (intervalMs > 0) setTimeout(flush, intervalMs);
      else setImmediate(flush);
    },
    flush,
    async close() {
      await flush();
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
    },
  };
}
