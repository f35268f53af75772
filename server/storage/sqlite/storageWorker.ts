import { RequestThread } from "../../threads/requestThread";
import type { CompactionResult, JournalPosition, UpdateBatch } from "../DocumentStorage";

/** Work for the worker (copied into its thread: the caller keeps a batch to retry one that failed). */
export type StorageRequest =
  | { id: number; kind: "append"; batch: UpdateBatch; journal: JournalPosition | undefined; at: number }
  | { id: number; kind: "compact"; documentName: string; at: number };

export interface StorageReply {
  id: number;
  error: string | null;
  /** A compaction's result. */
  result?: CompactionResult | null;
}

/** Does the database's heavy writing on a worker thread (see `startStorageWorker`). */
export interface StorageWorker {
  /** Resolves once the batch is committed; rejects when it was not (nothing of it was written). */
  append(batch: UpdateBatch, journal: JournalPosition | undefined, at: number): Promise<void>;
  /** Builds and records a document's snapshot from what is stored (`prepareCompaction`). */
  compact(documentName: string, at: number): Promise<CompactionResult | null>;
  /** Finishes the work sent so far, then closes the worker's connection. */
  stop(): Promise<void>;
}

/**
 * Starts a worker thread with its own connection to the SQLite file, where batches of updates are
 * committed and snapshots built: a commit takes from a few tenths of a millisecond to a few
 * milliseconds and a snapshot up to tens, and on the event loop every delivery waiting behind them
 * waited that long too. Work is done in the order it was sent, so a compaction covers every batch
 * sent before it. The records travel in the journal's encoding, as the update writer gathered them.
 * A worker that died is started again for the next request; the requests it held are rejected, and
 * the journal still holds their batches.
 */
export function startStorageWorker(file: string): StorageWorker {
  const worker = new RequestThread<StorageRequest, StorageReply>(
    new URL("./storageWorkerThread.mjs", import.meta.url),
    "storage",
    { workerData: { file } },
  );
  const inFlight = new Set<Promise<unknown>>();

  const send = (make: (id: number) => StorageRequest) => {
    const done = worker.request(make).then((reply) => reply.result ?? null);
    inFlight.add(done);
    const forget = () => inFlight.delete(done);
    done.then(forget, forget);
    return done;
  };

  return {
    async append(batch, journal, at) {
      await send((id) => ({ id, kind: "append", batch, journal, at }));
    },
    compact(documentName, at) {
      return send((id) => ({ id, kind: "compact", documentName, at }));
    },
    async stop() {
      await Promise.allSettled([...inFlight]);
      await worker.stop("stop");
    },
  };
}
