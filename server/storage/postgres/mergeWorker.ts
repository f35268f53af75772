import { RequestThread } from "../../threads/requestThread";
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
  const worker = new RequestThread<MergeRequest, MergeReply>(
    new URL("./mergeWorkerThread.mjs", import.meta.url),
    "merge",
  );
  return {
    async merge(parts) {
      const reply = await worker.request((id) => ({ id, parts }));
      if (!reply.update || !reply.stateVector) throw new Error("merge worker sent no result");
      return { update: reply.update, stateVector: reply.stateVector };
    },
    stop: () => worker.stop(),
  };
}
