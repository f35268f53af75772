import * as Y from "yjs";
import type { DocumentStorage } from "../storage/DocumentStorage";

/**
 * Builds a document as it was at a point of its log: the nearest checkpoint at or before it plus the
 * log after the checkpoint, in one transaction, with deleted content kept (`gc: false`) so that what a
 * later version deleted can still be shown. Never touches the live room.
 *
 * The last document built per document name is kept for a minute: replay and timeline clicks go
 * forward a little at a time, and moving it forward costs only the updates in between. Builds for one
 * document run one at a time (`exclusive`), so a kept document is never moved while another is read.
 */
export class HistoryDocs {
  private readonly kept = new Map<string, { seq: number; doc: Y.Doc; timer: NodeJS.Timeout }>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly storage: DocumentStorage,
    private readonly keepMs = 60_000,
    private readonly maxKept = 4,
  ) {}

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

  /**
   * The document at `seq` (call inside `exclusive`; read it synchronously, do not keep it: it may be
   * moved forward by the next call).
   */
  async at(documentName: string, seq: number): Promise<Y.Doc> {
    const kept = this.kept.get(documentName);
    const checkpoint = await this.storage.findCheckpoint(documentName, seq);
    // Moving a kept document forward, unless a checkpoint closer to `seq` makes a fresh build cheaper.
    if (kept && kept.seq <= seq && (!checkpoint || checkpoint.throughSeq <= kept.seq)) {
      const updates = await this.storage.listUpdates(documentName, { afterSeq: kept.seq, throughSeq: seq });
      Y.transact(kept.doc, () => {
        for (const { update } of updates) Y.applyUpdate(kept.doc, update);
      });
      kept.seq = seq;
      kept.timer.refresh();
      return kept.doc;
    }
    const updates = await this.storage.listUpdates(documentName, {
      afterSeq: checkpoint?.throughSeq ?? 0,
      throughSeq: seq,
    });
    const doc = new Y.Doc({ gc: false });
    Y.transact(doc, () => {
      if (checkpoint) Y.applyUpdateV2(doc, checkpoint.data);
      for (const { update } of updates) Y.applyUpdate(doc, update);
    });
    this.keep(documentName, seq, doc);
    return doc;
  }

  private keep(documentName: string, seq: number, doc: Y.Doc): void {
    this.drop(documentName);
    if (this.kept.size >= this.maxKept) {
      const [oldest] = this.kept.keys();
      if (oldest !== undefined) this.drop(oldest);
    }
    const timer = setTimeout(() => this.drop(documentName), this.keepMs);
    timer.unref();
    this.kept.set(documentName, { seq, doc, timer });
  }

  private drop(documentName: string): void {
    const kept = this.kept.get(documentName);
    if (!kept) return;
    clearTimeout(kept.timer);
    kept.doc.destroy();
    this.kept.delete(documentName);
  }

  close(): void {
    for (const name of [...this.kept.keys()]) this.drop(name);
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
