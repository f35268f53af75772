import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import type { UpdateRecord } from "../../../../server/storage/DocumentStorage";
import { encodeUpdateBatch } from "../../../../server/storage/journal/journalFormat";
import { openSqliteDatabase } from "../../../../server/storage/sqlite/openSqliteDatabase";
import { createSqliteDocumentStorage } from "../../../../server/storage/sqlite/SqliteDocumentStorage";
import { type StorageWorker, startStorageWorker } from "../../../../server/storage/sqlite/storageWorker";

const record = (byte: number): UpdateRecord => ({
  documentName: "exchange0001/文档00000001",
  update: new Uint8Array([byte, 1, 2, 3]),
  author: "participant-01",
  newClientIds: [1000 + byte],
});

let dir: string;
let file: string;
let worker: StorageWorker | null = null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "mutual-storage-worker-"));
  file = join(dir, "mutual.db");
});
afterEach(async () => {
  await worker?.stop();
  worker = null;
  rmSync(dir, { recursive: true, force: true });
});

/** What the event loop's own connection reads back. */
async function stored() {
  const db = openSqliteDatabase(file);
  try {
    const storage = createSqliteDocumentStorage(db);
    const log = await storage.listUpdates(record(0).documentName);
    const document = await storage.loadDocument(record(0).documentName);
    return {
      firstBytes: log.map((entry) => entry.update[0]),
      authors: log.map((entry) => entry.author),
      createdAt: log.map((entry) => entry.createdAt),
      bindings: document?.bindings,
      journal: await storage.appliedJournalPosition(),
    };
  } finally {
    db.close();
  }
}

describe("storage worker", () => {
  it("commits each batch in order, with bindings, journal position and the given time", async () => {
    openSqliteDatabase(file).close(); // created and migrated, as the server does before starting it
    worker = startStorageWorker(file);
    await Promise.all([
      worker.append(encodeUpdateBatch([record(1), record(2)]), { segment: 1, offset: 40 }, 111),
      worker.append(encodeUpdateBatch([record(3)]), { segment: 1, offset: 60 }, 222),
    ]);
    expect(await stored()).toEqual({
      firstBytes: [1, 2, 3],
      authors: ["participant-01", "participant-01", "participant-01"],
      createdAt: [111, 111, 222],
      bindings: new Map([
        [1001, "participant-01"],
        [1002, "participant-01"],
        [1003, "participant-01"],
      ]),
      journal: { segment: 1, offset: 60 },
    });
  });

  it("rejects a batch that does not hold as many whole records as it says, and writes none of it", async () => {
    openSqliteDatabase(file).close();
    worker = startStorageWorker(file);
    const whole = encodeUpdateBatch([record(1), record(2)]);
    await expect(worker.append({ ...whole, count: 3 }, undefined, 1)).rejects.toThrow(/2 of 3 records/);
    const cut = { bytes: whole.bytes.subarray(0, whole.bytes.byteLength - 2), count: 2 };
    await expect(worker.append(cut, undefined, 1)).rejects.toThrow(/stray bytes/);
    expect((await stored()).firstBytes).toEqual([]);
  });

  it("rejects a batch it could not commit, writes none of it, and starts afresh for the next", async () => {
    writeFileSync(file, "this is not a database file, and it is long enough to be read as a header");
    worker = startStorageWorker(file);
    await expect(
      worker.append(encodeUpdateBatch([record(1)]), { segment: 1, offset: 10 }, 1),
    ).rejects.toThrow();

    rmSync(file);
    openSqliteDatabase(file).close();
    await worker.append(encodeUpdateBatch([record(2)]), { segment: 1, offset: 20 }, 2);
    const after = await stored();
    expect(after.firstBytes).toEqual([2]);
    expect(after.journal).toEqual({ segment: 1, offset: 20 });
  });

  it("finishes every batch already sent before it stops", async () => {
    openSqliteDatabase(file).close();
    worker = startStorageWorker(file);
    const sent = Array.from({ length: 20 }, (_, i) =>
      worker!.append(encodeUpdateBatch([record(i)]), undefined, i),
    );
    await worker.stop();
    worker = null;
    await Promise.all(sent);
    expect((await stored()).firstBytes).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("builds a snapshot on its thread after the batches sent before it, and keeps going after one fails", async () => {
    openSqliteDatabase(file).close();
    worker = startStorageWorker(file);
    const doc = new Y.Doc();
    const name = "exchange0001/snapshot0001";
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    for (const char of "关于议程") doc.getText("t").insert(doc.getText("t").length, char);
    const records = updates.map((update) => ({ documentName: name, update, author: null }));
    // Not awaited: the compaction is queued behind the batch.
    const appended = worker.append(encodeUpdateBatch(records), undefined, 1);
    expect(await worker.compact(name, 2)).toEqual({
      updates: 4,
      bytes: Y.encodeStateAsUpdate(doc).byteLength,
    });
    await appended;

    await worker.append(encodeUpdateBatch([record(9)]), undefined, 3);
    await expect(worker.compact(record(9).documentName, 4)).rejects.toThrow();
    await worker.append(encodeUpdateBatch([{ ...record(9), documentName: name }]), undefined, 5);
    expect((await stored()).firstBytes).toEqual([9]);
  });

  it("is where the database storage builds its snapshots", async () => {
    const db = openSqliteDatabase(file);
    const compact = vi.fn(async () => ({ updates: 3, bytes: 120 }));
    const storage = createSqliteDocumentStorage(db, {
      worker: { append: async () => {}, compact, stop: async () => {} },
      now: () => 42,
    });
    expect(await storage.compact("exchange0001/document0001")).toEqual({ updates: 3, bytes: 120 });
    expect(compact).toHaveBeenCalledWith("exchange0001/document0001", 42);
    db.close();
  });
});
