import type { Logger } from "../log";
import type { DocumentStorage, UpdateRecord } from "../storage/DocumentStorage";
import type { Durability } from "../storage/durability/durability";
import { createGroupCommit } from "../storage/durability/groupCommit";
import { BatchBuffer } from "../storage/journal/batchBuffer";
import type { UpdateJournal } from "../storage/journal/updateJournal";
import type { ClientChange, Room } from "./Room";

export interface UpdateWriter {
  /**
   * Makes a change durable at once (in the journal) and queues it for the database. Throws when the
   * journal cannot be written: the change is then stored nowhere and must not be relayed.
   */
  store(change: ClientChange): void;
  /**
   * Resolves once every change stored so far is durable; null when they already are (the journal makes
   * each durable before `store` returns; a group commit only once its transaction committed).
   */
  whenDurable(): Promise<void> | null;
  /** Writes everything queued so far to the database; resolves once it is there (or the write failed and was logged). */
  flush(): Promise<void>;
  /** A last flush, then no more timers. */
  close(): Promise<void>;
}

interface WriterOptions {
  storage: DocumentStorage;
  durability: Durability;
  intervalMs: number;
  maxBatch: number;
  log: Logger;
  /** Called once the database holds a batch, with how many of its changes each room made. */
  onWritten: (changesPerRoom: Map<Room, number>) => void;
  /**
   * Called with changes once they are durable, in the order they were stored: relay them, publish them
   * to other instances, acknowledge them. Journal: inside `store`; group commit: after the commit.
   */
  onDurable?: (changes: readonly ClientChange[]) => void;
  /** Group commit: these changes could not be committed (their rooms hold what is stored nowhere). */
  onFailed?: (changes: readonly ClientChange[], error: Error) => void;
}

/** The writer for the deployment's durability (server/storage/durability). */
export function createUpdateWriter(options: WriterOptions): UpdateWriter {
  const { durability } = options;
  return durability.kind === "journal"
    ? createJournalWriter({ ...options, journal: durability.journal })
    : createGroupCommitWriter(options);
}

/**
 * PostgreSQL: each tick's changes are committed in one transaction before they are relayed
 * (`groupCommit.ts`); no local journal, no later batches.
 */
function createGroupCommitWriter(options: WriterOptions): UpdateWriter {
  const { onWritten, onDurable, onFailed } = options;
  const group = createGroupCommit<ClientChange>({
    storage: options.storage,
    log: options.log,
    toRecord,
    onCommitted(changes) {
      onDurable?.(changes);
      const perRoom = new Map<Room, number>();
      for (const { room } of changes) perRoom.set(room, (perRoom.get(room) ?? 0) + 1);
      onWritten(perRoom);
    },
    onFailed: (changes, error) => onFailed?.(changes, error),
  });
  return {
    store: (change) => group.add(change),
    whenDurable: () => group.whenDurable(),
    flush: () => group.flush(),
    close: () => group.flush(),
  };
}

/**
 * Changes go to the journal one by one (a single write each, before they are relayed) and to the
 * database in batches: one transaction `intervalMs` after the first queued change, or as soon as
 * `maxBatch` are queued, so that a busy server writes many small transactions and a lone typist one
 * per interval. The transaction also records how far the journal has reached the database. Batches
 * are serialised; a failed one stays queued (the journal keeps its changes) and is retried with the next.
 */
function createJournalWriter(options: WriterOptions & { journal: UpdateJournal }): UpdateWriter {
  const { storage, journal, intervalMs, maxBatch, log, onWritten, onDurable } = options;
  const pending = new BatchBuffer();
  let pendingPerRoom = new Map<Room, number>();
  let timer: NodeJS.Timeout | null = null;
  let soon: NodeJS.Immediate | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();
  /** A write is chained and has not taken its batch yet: it will take whatever is pending then. */
  let writeQueued = false;

  const writeBatch = async (): Promise<void> => {
    writeQueued = false;
    if (pending.count === 0) return;
    const batch = pending.take();
    const perRoom = pendingPerRoom;
    pendingPerRoom = new Map();
    const reached = journal.position();
    try {
      await storage.appendUpdates(batch, reached);
    } catch (error) {
      // The journal still holds these changes: keep them for the next attempt.
      pending.putBack(batch);
      for (const [room, count] of perRoom) countFor(room, count);
      log.error("storage.write_failed", { updates: batch.count, error: (error as Error).message });
      retryTimer ??= setTimeout(() => {
        retryTimer = null;
        void flush();
      }, 1000);
      return;
    }
    journal.release(reached);
    onWritten(perRoom);
  };

  const countFor = (room: Room, changes: number) =>
    pendingPerRoom.set(room, (pendingPerRoom.get(room) ?? 0) + changes);

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    if (soon) clearImmediate(soon);
    timer = null;
    soon = null;
    writeQueued = true;
    writing = writing
      .then(writeBatch)
      .catch((error: Error) => log.error("storage.flush_failed", { error: error.message }));
    return writing;
  };

  return {
    store(change) {
      pending.add(journal.append(toRecord(change)));
      onDurable?.([change]);
      countFor(change.room, 1);
      timer ??= setTimeout(flush, intervalMs);
      // After this turn's relays, not before them; while a batch is in flight, one write waits behind it
      // (chaining one per turn until the database answered would only queue empty writes).
      if (pending.count >= maxBatch && !writeQueued) soon ??= setImmediate(flush);
    },
    whenDurable: () => null,
    flush,
    async close() {
      await flush();
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
    },
  };
}

function toRecord({ room, update, origin, newClientIds, author }: ClientChange): UpdateRecord {
  return {
    documentName: room.name,
    update,
    author: author === undefined ? origin.identity.participantId : author,
    newClientIds,
  };
}
