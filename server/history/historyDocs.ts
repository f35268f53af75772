import { Worker } from "node:worker_threads";
import * as Y from "yjs";
import type { DocumentStorage } from "../storage/DocumentStorage";
import type { HistoryReply, HistoryRequest, HistoryTask, HistoryTaskResult } from "./historyTasks";

type Waiter = { resolve: (value: HistoryReply["result"]) => void; reject: (error: Error) => void };

/**
 * Documents at points of their log, built and worked on by the history thread
 * (`historyWorkerThread`): storage is read here (the nearest checkpoint and the log after it, or only
 * the log past the document the thread kept), the Yjs work happens there. Work for one document runs
 * one request at a time (`exclusive`), so the kept document is never moved while another request
 * reads it. Never touches the live room.
 */
export class HistoryDocs {
  private readonly queues = new Map<string, Promise<unknown>>();
  private worker: { thread: Worker; pending: Map<number, Waiter> } | null = null;
  private nextId = 0;

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
    {
      const keptSeq = (await this.call({ id: 0, kind: "kept", name })) as number | null;
      const checkpoint = await this.storage.findCheckpoint(name, seq);
      // Moving the kept document forward, unless a checkpoint closer to `seq` makes a fresh build cheaper.
      const fromKept =
        keptSeq !== null && keptSeq <= seq && (!checkpoint || checkpoint.throughSeq <= keptSeq);
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
  }

  private call(request: HistoryRequest): Promise<HistoryReply["result"]> {
    this.worker ??= this.start();
    const target = this.worker;
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      target.pending.set(id, { resolve, reject });
      target.thread.ref();
      target.thread.postMessage({ ...request, id });
    });
  }

  private start() {
    const thread = new Worker(new URL("./historyWorkerThread.mjs", import.meta.url));
    const started = { thread, pending: new Map<number, Waiter>() };
    // Only this thread's requests fail with it; the next request goes to a new one.
    const fail = (error: Error) => {
      if (this.worker === started) this.worker = null;
      for (const waiter of started.pending.values()) waiter.reject(error);
      started.pending.clear();
    };
    thread.on("message", (reply: HistoryReply) => {
      const waiter = started.pending.get(reply.id);
      started.pending.delete(reply.id);
      if (started.pending.size === 0) thread.unref();
      if (reply.error === null) waiter?.resolve(reply.result ?? null);
      else waiter?.reject(new Error(reply.error));
    });
    thread.on("error", fail);
    thread.on("exit", (code) => fail(new Error(`history worker exited (${code})`)));
    thread.unref();
    return started;
  }

  /** Drops the documents the thread kept: the next request builds from a checkpoint (benchmarks). */
  async forget(): Promise<void> {
    await this.call({ id: 0, kind: "forget" });
  }

  close(): void {
    const stopping = this.worker;
    this.worker = null;
    if (stopping) void stopping.thread.terminate();
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
