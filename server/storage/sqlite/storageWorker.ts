import { Worker } from "node:worker_threads";
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

interface Waiter {
  resolve: (result: CompactionResult | null) => void;
  reject: (error: Error) => void;
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
  let worker: { thread: Worker; pending: Map<number, Waiter> } | null = null;
  let nextId = 0;
  const inFlight = new Set<Promise<unknown>>();

  const start = () => {
    const thread = new Worker(new URL("./storageWorkerThread.mjs", import.meta.url), {
      workerData: { file },
    });
    const started = { thread, pending: new Map<number, Waiter>() };
    // Only this thread's requests fail with it; the next request goes to a new one.
    const fail = (error: Error) => {
      if (worker === started) worker = null;
      for (const waiter of started.pending.values()) waiter.reject(error);
      started.pending.clear();
    };
    thread.on("message", (reply: StorageReply) => {
      const waiter = started.pending.get(reply.id);
      started.pending.delete(reply.id);
      if (started.pending.size === 0) thread.unref();
      if (reply.error === null) waiter?.resolve(reply.result ?? null);
      else waiter?.reject(new Error(reply.error));
    });
    thread.on("error", fail);
    thread.on("exit", (code) => fail(new Error(`storage worker exited (${code})`)));
    thread.unref();
    return started;
  };

  const send = (request: StorageRequest) => {
    worker ??= start();
    const target = worker;
    const done = new Promise<CompactionResult | null>((resolve, reject) => {
      target.pending.set(request.id, { resolve, reject });
      // Held while a request is in flight, so that the process waits for it.
      target.thread.ref();
      target.thread.postMessage(request);
    });
    inFlight.add(done);
    const forget = () => inFlight.delete(done);
    done.then(forget, forget);
    return done;
  };

  return {
    async append(batch, journal, at) {
      await send({ id: ++nextId, kind: "append", batch, journal, at });
    },
    compact(documentName, at) {
      return send({ id: ++nextId, kind: "compact", documentName, at });
    },
    async stop() {
      await Promise.allSettled([...inFlight]);
      const stopping = worker;
      worker = null;
      if (!stopping) return;
      await new Promise<void>((resolve) => {
        stopping.thread.ref();
        stopping.thread.once("exit", () => resolve());
        stopping.thread.postMessage("stop");
      });
    },
  };
}
