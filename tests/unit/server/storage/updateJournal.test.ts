import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../../server/log";
import type { UpdateRecord } from "../../../../server/storage/DocumentStorage";
import { decodeJournalRecords, encodeJournalRecord } from "../../../../server/storage/journal/journalFormat";
import { openUpdateJournal } from "../../../../server/storage/journal/updateJournal";
import { recordingStorage } from "../collab/fakes";

const record = (byte: number, author: string | null = "alice00001"): UpdateRecord => ({
  documentName: "exchange0001/文档00000001",
  update: new Uint8Array([byte, 1, 2, 3]),
  author,
  newClientIds: byte === 0 ? [2 ** 31, 7] : [],
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "mutual-journal-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const segmentFiles = () => readdirSync(dir).sort();

describe("journal record format", () => {
  it("reads back what it wrote, author and new client ids included", () => {
    const records = [record(0), record(1, null), record(2)];
    const bytes = Buffer.concat(records.map(encodeJournalRecord));
    const decoded = decodeJournalRecords(bytes);
    expect(decoded.tornBytes).toBe(0);
    expect(decoded.records).toEqual(records);
  });

  it("stops at a record cut short or damaged, keeping every record before it", () => {
    const whole = Buffer.concat([record(1), record(2), record(3)].map(encodeJournalRecord));
    const cut = decodeJournalRecords(whole.subarray(0, whole.byteLength - 3));
    expect(cut.records.map((r) => r.update[0])).toEqual([1, 2]);
    expect(cut.tornBytes).toBeGreaterThan(0);

    const damaged = Buffer.from(whole);
    const second = encodeJournalRecord(record(1)).byteLength;
    damaged[second + 10] = damaged[second + 10]! ^ 0xff; // a flipped bit in the second record's body
    expect(decodeJournalRecords(damaged).records.map((r) => r.update[0])).toEqual([1]);
  });
});

describe("update journal", () => {
  it("writes to storage, on the next start, what a crash left only in the journal", async () => {
    const first = await openUpdateJournal(dir, recordingStorage(), silentLogger);
    first.append(record(1));
    first.append(record(2));
    // The process dies here: nothing sealed, nothing written to the database.
    const storage = recordingStorage();
    const reopened = await openUpdateJournal(dir, storage, silentLogger);
    expect(storage.batches.map((batch) => batch.map((r) => r.update[0]))).toEqual([[1, 2]]);
    expect(storage.journalSegment).toBeGreaterThan(0);
    expect(segmentFiles()).toEqual([]);
    // New segments are numbered after the recovered ones, so they are never taken for written ones.
    reopened.append(record(3));
    expect(Number(segmentFiles()[0]!.slice(0, 12))).toBeGreaterThan(storage.journalSegment);
    reopened.close();
  });

  it("does not write again a segment the database already holds", async () => {
    const storage = recordingStorage();
    const journal = await openUpdateJournal(dir, storage, silentLogger);
    journal.append(record(1));
    const sealed = journal.seal();
    await storage.appendUpdates([record(1)], sealed);
    // The process dies before the segment file is deleted.
    expect(segmentFiles()).toHaveLength(1);
    await openUpdateJournal(dir, storage, silentLogger);
    expect(storage.batches).toHaveLength(1);
    expect(segmentFiles()).toEqual([]);
  });

  it("recovers the whole records of a segment whose last write was torn", async () => {
    const journal = await openUpdateJournal(dir, recordingStorage(), silentLogger);
    journal.append(record(1));
    journal.append(record(2));
    journal.close();
    const file = join(dir, segmentFiles()[0]!);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.byteLength - 2));
    const storage = recordingStorage();
    await openUpdateJournal(dir, storage, silentLogger);
    expect(storage.batches.map((batch) => batch.map((r) => r.update[0]))).toEqual([[1]]);
  });

  it("release deletes the sealed segments, and an idle journal leaves no files", async () => {
    const journal = await openUpdateJournal(dir, recordingStorage(), silentLogger);
    expect(journal.seal()).toBe(journal.seal()); // nothing written: nothing to seal
    journal.append(record(1));
    const a = journal.seal();
    journal.append(record(2));
    const b = journal.seal();
    expect(b).toBeGreaterThan(a);
    expect(segmentFiles()).toHaveLength(2);
    journal.release(a);
    expect(segmentFiles()).toHaveLength(1);
    journal.release(b);
    expect(segmentFiles()).toEqual([]);
  });
});
