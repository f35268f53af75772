import * as Y from "yjs";
import type { DocumentStorage } from "../storage/DocumentStorage";
import { RequestThread } from "../threads/requestThread";
import type { HistoryReply, HistoryRequest, HistoryTask, HistoryTaskResult } from "./historyTasks";

/**
 * Documents at points of their log, built and worked on by the history thread
 * (`historyWorkerThread`): storage is read here (the nearest checkpoint and the log after it, or only
 * the log past the document the thread kept), the Yjs work happens there. Work for one document runs
 * one request at a time (`exclusive`), so the kept document is never moved while another request
 * reads it. Never touches the live room.
 */
export class HistoryDocs {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly worker = new RequestThread<HistoryRequest, HistoryReply>(
    new URL("./historyWorkerThread.mjs", import.meta.url),
    "history",
  );

  constructor(private readonly storage: DocumentStorage) {}

  /** Runs `work` after every earlier exclusive work on the same document. */
  exclusive<T>(documentName: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(documentName) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.queues.set(documentName, settled);
    void settled.then(() => {
      if (this.queues.get(documentName) === settled) this.queues.delete(documentName);
    });
    return next;
  }

  /** Builds the document at `seq` on the history thread and does `task` with it (call inside `exclusive`). */
  async run<K extends HistoryTask["kind"]>(
    name: string,
    seq: number,
    task: Extract<HistoryTask, { kind: K }>,
  ): Promise<Extract<HistoryTaskResult, { kind: K }>> {
    const keptSeq = (await this.call({ id: 0, kind: "kept", name })) as number | null;
    const nearest = await this.storage.checkpointSize(name, seq);
    // Moving the kept document forward, unless a checkpoint closer to `seq` makes a fresh build cheaper;
    // the checkpoint (about as large as the document) is read only to build from it.
    const fromKept = keptSeq !== null && keptSeq <= seq && (!nearest || nearest.throughSeq <= keptSeq);
    const checkpoint =
      fromKept || !nearest ? null : await this.storage.findCheckpoint(name, nearest.throughSeq);
    const afterSeq = fromKept ? keptSeq : (checkpoint?.throughSeq ?? 0);
    const updates = (await this.storage.listUpdates(name, { afterSeq, throughSeq: seq })).map(
      (u) => u.update,
    );
    const result = await this.call({
      id: 0,
      kind: "run",
      build: { name, seq, base: fromKept ? "kept" : (checkpoint?.data ?? null), updates },
      task,
    });
    return result as Extract<HistoryTaskResult, { kind: K }>;
  }

  private async call(request: HistoryRequest): Promise<HistoryReply["result"]> {
    return (await this.worker.request((id) => ({ ...request, id }))).result ?? null;
  }

  /** Drops the documents the thread kept: the next request builds from a checkpoint (benchmarks). */
  async forget(): Promise<void> {
    await this.call({ id: 0, kind: "forget" });
  }

  close(): void {
    void this.worker.stop();
  }
}

/** A document's state as a plain update without deleted content (what a client renders a version from). */
export function encodeVisibleState(doc: Y.Doc): Uint8Array {
  const collected = new Y.Doc({ gc: true });
  try {
    Y.applyUpdate(collected, Y.encodeStateAsUpdate(doc));
    return Y.encodeStateAsUpdate(collected);
  } finally {
    collected.destroy();
  }
}
