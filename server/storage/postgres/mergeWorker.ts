import { Worker } from "node:worker_threads";
import { mergeStoredUpdates } from "../mergeStoredUpdates";

export interface MergeRequest {
  id: number;
  parts: Uint8Array[];
}
export interface MergeReply {
  id: number;
  error: string | null;
  update?: Uint8Array;
  stateVector?: Uint8Array;
}

export interface Merger {
  /** `mergeStoredUpdates`, done elsewhere than on the event loop when possible. */
  merge(parts: Uint8Array[]): Promise<{ update: Uint8Array; stateVector: Uint8Array }>;
  stop(): Promise<void>;
}

/** Merges on the calling thread (tests of the storage itself, the migration tool). */
export const mergeHere: Merger = {
  async merge(parts) {
    return mergeStoredUpdates(parts);
  },
  async stop() {},
};

/**
 * Merges a snapshot with the log after it on a worker thread, started on first use. PostgreSQL's
 * reads and writes are asynchronous already; the merge is the part of a compaction that would hold
 * the event loop (13.7 ms for the 754 KB bench document from the live room, several ms from storage).
 * A worker that died is started again for the next merge; the merges it held are rejected.
 */
export function startMergeWorker(): Merger {
  let worker: { thread: Worker; pending: Map<number, (reply: MergeReply) => void> } | null = null;
  let nextId = 0;

  const start = () => {
    const thread = new Worker(new URL("./mergeWorkerThread.mjs", import.meta.url));
    const started = { thread, pending: new Map<number, (reply: MergeReply) => void>() };
    const fail = (error: Error) => {
      if (worker === started) worker = null;
      for (const [id, settle] of started.pending) settle({ id, error: error.message });
      started.pending.clear();
    };
    thread.on("message", (reply: MergeReply) => {
      const settle = started.pending.get(reply.id);
      started.pending.delete(reply.id);
      if (started.pending.size === 0) thread.unref();
      settle?.(reply);
    });
    thread.on("error", fail);
    thread.on("exit", (code) => fail(new Error(`merge worker exited (${code})`)));
    thread.unref();
    return started;
  };

  return {
    merge(parts) {
      worker ??= start();
      const target = worker;
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        target.pending.set(id, (reply) => {
          if (reply.error !== null || !reply.update || !reply.stateVector) {
            reject(new Error(reply.error ?? "merge worker sent no result"));
          } else resolve({ update: reply.update, stateVector: reply.stateVector });
        });
        target.thread.ref();
        target.thread.postMessage({ id, parts } satisfies MergeRequest);
      });
    },
    async stop() {
      const stopping = worker;
      worker = null;
      await stopping?.thread.terminate();
    },
  };
}
