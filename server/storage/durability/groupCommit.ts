import type { Logger } from "../../log";
import type { DocumentStorage, UpdateRecord } from "../DocumentStorage";
import { BatchBuffer } from "../journal/batchBuffer";
import { encodeJournalRecord } from "../journal/journalFormat";

export interface GroupCommit<T> {
  /** Queues a change for the next commit (which starts after this tick, or after the commit in flight). */
  add(change: T): void;
  /** Resolves once every change added so far is committed (rejects if its commit failed); null when all already are. */
  whenDurable(): Promise<void> | null;
  /** Resolves once every change added so far was committed or given up (failures are reported, not thrown). */
  flush(): Promise<void>;
}

interface Group<T> {
  changes: T[];
  done: Promise<void>;
  settle: (error: Error | null) => void;
}

/**
 * Group commit: the changes that arrive in one event-loop tick are committed to the database in one
 * transaction, and only then handed to `onCommitted` (which relays and acknowledges them). One commit
 * is in flight at a time; what arrives meanwhile forms the next group, so a busy server commits many
 * changes per transaction and a lone typist one per keystroke, after a round trip of a few ms. A
 * change lives, until its commit, only in this process (its bytes in one buffer, its object in the
 * group): if the process dies, it was neither relayed nor acknowledged, and its author sends it again.
 * A failed commit is handed to `onFailed` (the rooms must be dropped: they hold what is stored nowhere).
 */
export function createGroupCommit<T>(options: {
  storage: DocumentStorage;
  log: Logger;
  toRecord: (change: T) => UpdateRecord;
  onCommitted: (changes: readonly T[]) => void;
  onFailed: (changes: readonly T[], error: Error) => void;
}): GroupCommit<T> {
  const { storage, log, toRecord, onCommitted, onFailed } = options;
  const bytes = new BatchBuffer();
  let next: Group<T> | null = null;
  let inFlight: Group<T> | null = null;
  let scheduled = false;

  const newGroup = (): Group<T> => {
    let settle: (error: Error | null) => void = () => undefined;
    const done = new Promise<void>((resolve, reject) => {
      settle = (error) => (error ? reject(error) : resolve());
    });
    // Nobody may wait on it; a failure is handled by onFailed.
    done.catch(() => undefined);
    return { changes: [], done, settle };
  };

  const commitNext = async (): Promise<void> => {
    scheduled = false;
    if (inFlight || !next) return;
    const group = next;
    next = null;
    inFlight = group;
    const batch = bytes.take();
    let failure: Error | null = null;
    try {
      await storage.appendUpdates(batch);
    } catch (error) {
      failure = error as Error;
    }
    inFlight = null;
    // Whatever arrived during this commit goes next, in this turn's end.
    if (next) schedule();
    if (failure) {
      log.error("storage.commit_failed", { updates: batch.count, error: failure.message });
      onFailed(group.changes, failure);
    } else {
      try {
        onCommitted(group.changes);
      } catch (error) {
        log.error("storage.after_commit_failed", { error: (error as Error).message });
      }
    }
    group.settle(failure);
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    // After this tick's other changes have joined the group.
    setImmediate(() => void commitNext());
  };

  return {
    add(change) {
      bytes.add(encodeJournalRecord(toRecord(change)));
      next ??= newGroup();
      next.changes.push(change);
      if (!inFlight) schedule();
    },
    whenDurable() {
      return (next ?? inFlight)?.done ?? null;
    },
    async flush() {
      while (next || inFlight) {
        const waiting = (next ?? inFlight)!;
        if (!inFlight) schedule();
        await waiting.done.catch(() => undefined);
      }
    },
  };
}
