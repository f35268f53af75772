import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { UpdateRecord } from "../../../../server/storage/DocumentStorage";
import { encodeUpdateBatch } from "../../../../server/storage/journal/journalFormat";
import { type AppendWorker, startAppendWorker } from "../../../../server/storage/sqlite/appendWorker";
import { openSqliteDatabase } from "../../../../server/storage/sqlite/openSqliteDatabase";
import { createSqliteDocumentStorage } from "../../../../server/storage/sqlite/SqliteDocumentStorage";

const record = (byte: number): UpdateRecord => ({
  documentName: "exchange0001/文档00000001",
  update: new Uint8Array([byte, 1, 2, 3]),
  author: "participant-01",
  newClientIds: [1000 + byte],
});

let dir: string;
let file: string;
let worker: AppendWorker | null = null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "mutual-append-"));
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

describe("append worker", () => {
  it("commits each batch in order, with bindings, journal position and the given time", async () => {
    openSqliteDatabase(file).close(); // created and migrated, as the server does before starting it
    worker = startAppendWorker(file);
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
    worker = startAppendWorker(file);
    const whole = encodeUpdateBatch([record(1), record(2)]);
    await expect(worker.append({ ...whole, count: 3 }, undefined, 1)).rejects.toThrow(/2 of 3 records/);
    const cut = { bytes: whole.bytes.subarray(0, whole.bytes.byteLength - 2), count: 2 };
    await expect(worker.append(cut, undefined, 1)).rejects.toThrow(/stray bytes/);
    expect((await stored()).firstBytes).toEqual([]);
  });

  it("rejects a batch it could not commit, writes none of it, and starts afresh for the next", async () => {
    writeFileSync(file, "this is not a database file, and it is long enough to be read as a header");
    worker = startAppendWorker(file);
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
    worker = startAppendWorker(file);
    const sent = Array.from({ length: 20 }, (_, i) =>
      worker!.append(encodeUpdateBatch([record(i)]), undefined, i),
    );
    await worker.stop();
    worker = null;
    await Promise.all(sent);
    expect((await stored()).firstBytes).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
