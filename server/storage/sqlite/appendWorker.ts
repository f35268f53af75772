import { Worker } from "node:worker_threads";
import type { JournalPosition, UpdateBatch } from "../DocumentStorage";

/** A batch for the worker (copied into its thread: the caller keeps it to retry a batch that failed). */
export interface AppendRequest {
  id: number;
  batch: UpdateBatch;
  journal: JournalPosition | undefined;
  at: number;
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

export interface AppendReply {
  id: number;
  error: string | null;
}

/** Commits batches of updates on a worker thread (see `startAppendWorker`). */
export interface AppendWorker {
  /** Resolves once the batch is committed; rejects when it was not (nothing of it was written). */
  append(batch: UpdateBatch, journal: JournalPosition | undefined, at: number): Promise<void>;
  /** Finishes the batches sent so far, then closes the worker's connection. */
  stop(): Promise<void>;
}

/**
 * Starts a worker thread with its own connection to the SQLite file, where batches of updates are
 * committed: a commit takes from a few tenths of a millisecond to a few milliseconds, and on the
 * event loop every delivery waiting behind it waited that long too. The records travel in the
 * journal's encoding, as the update writer gathered them. A worker that died is started again for the next
 * batch; the batches it held are rejected, and the journal still holds them.
 */
export function startAppendWorker(file: string): AppendWorker {
  let worker: { thread: Worker; pending: Map<number, Waiter> } | null = null;
  let nextId = 0;
  const inFlight = new Set<Promise<void>>();

  const start = () => {
    const thread = new Worker(new URL("./appendWorkerThread.mjs", import.meta.url), { workerData: { file } });
    const started = { thread, pending: new Map<number, Waiter>() };
    // Only this thread's batches fail with it; the next batch goes to a new one.
    const fail = (error: Error) => {
      if (worker === started) worker = null;
      for (const waiter of started.pending.values()) waiter.reject(error);
      started.pending.clear();
    };
    thread.on("message", (reply: AppendReply) => {
      const waiter = started.pending.get(reply.id);
      started.pending.delete(reply.id);
      if (started.pending.size === 0) thread.unref();
      if (reply.error === null) waiter?.resolve();
      else waiter?.reject(new Error(reply.error));
    });
    thread.on("error", fail);
    thread.on("exit", (code) => fail(new Error(`append worker exited (${code})`)));
    thread.unref();
    return started;
  };

  return {
    append(batch, journal, at) {
      worker ??= start();
      const target = worker;
      const id = ++nextId;
      const request: AppendRequest = { id, batch, journal, at };
      const committed = new Promise<void>((resolve, reject) => {
        target.pending.set(id, { resolve, reject });
        // Held while a batch is in flight, so that the process waits for its commit.
        target.thread.ref();
        target.thread.postMessage(request);
      });
      inFlight.add(committed);
      const forget = () => inFlight.delete(committed);
      committed.then(forget, forget);
      return committed;
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
