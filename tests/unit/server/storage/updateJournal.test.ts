import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import * as encoding from "lib0/encoding";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../../server/log";
import type { UpdateRecord } from "../../../../server/storage/DocumentStorage";
import {
  decodeJournalRecords,
  encodeJournalRecord,
  encodeUpdateBatch,
} from "../../../../server/storage/journal/journalFormat";
import { openUpdateJournal } from "../../../../server/storage/journal/updateJournal";
import { recordingStorage } from "../collab/fakes";

const record = (byte: number, author: string | null = "alice00001"): UpdateRecord => ({
  documentName: "exchange0001/文档00000001",
  update: new Uint8Array([byte, 1, 2, 3]),
  author,
  newClientIds: byte === 0 ? [2 ** 31, 7] : [],
});
const firstBytes = (batches: UpdateRecord[][]) => batches.map((batch) => batch.map((r) => r.update[0]));

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

  it("writes the body in lib0's encoding, as earlier versions did, so their journals still read", () => {
    const long: UpdateRecord = {
      documentName: "exchange0001/documento-ção",
      update: Uint8Array.from({ length: 20_000 }, (_, i) => i % 251),
      author: "参与者-00001",
      newClientIds: [0, 127, 128, 16_383, 16_384, 2 ** 32 - 1, 2 ** 53 - 1],
    };
    for (const r of [long, record(0), record(1, null)]) {
      const encoder = encoding.createEncoder();
      encoding.writeVarString(encoder, r.documentName);
      encoding.writeVarString(encoder, r.author ?? "");
      encoding.writeVarUint(encoder, r.newClientIds!.length);
      for (const clientId of r.newClientIds!) encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint8Array(encoder, r.update);
      const body = encoding.toUint8Array(encoder);
      const bytes = encodeJournalRecord(r);
      expect(bytes.readUInt32LE(0)).toBe(body.byteLength);
      expect(bytes.readUInt32LE(4)).toBe(crc32(body));
      expect(new Uint8Array(bytes.subarray(8))).toEqual(body);
      expect(decodeJournalRecords(bytes).records).toEqual([r]);
    }
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
    // The process dies here: nothing written to the database.
    const storage = recordingStorage();
    const reopened = await openUpdateJournal(dir, storage, silentLogger);
    expect(firstBytes(storage.batches)).toEqual([[1, 2]]);
    expect(segmentFiles()).toEqual([]);
    // New records go to a later segment, never mistaken for ones the database holds.
    reopened.append(record(3));
    expect(reopened.position().segment).toBeGreaterThan(storage.journal.segment);
    reopened.close();
  });

  it("writes again only the records after the position the database reached", async () => {
    const storage = recordingStorage();
    const journal = await openUpdateJournal(dir, storage, silentLogger);
    journal.append(record(1));
    journal.append(record(2));
    await storage.appendUpdates(encodeUpdateBatch([record(1), record(2)]), journal.position());
    journal.append(record(3));
    // The process dies before the database gets record 3.
    journal.close();
    await openUpdateJournal(dir, storage, silentLogger);
    expect(firstBytes(storage.batches)).toEqual([[1, 2], [3]]);
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
    expect(firstBytes(storage.batches)).toEqual([[1]]);
  });

  it("keeps one segment file for many batches and deletes none the database does not wholly hold", async () => {
    const journal = await openUpdateJournal(dir, recordingStorage(), silentLogger);
    for (let i = 0; i < 10; i++) {
      journal.append(record(i));
      journal.release(journal.position());
    }
    expect(segmentFiles()).toHaveLength(1);
    journal.close();
  });

  it("starts a new segment once one is large, and deletes it once the database holds all of it", async () => {
    const segmentBytes = 3 * encodeJournalRecord(record(1)).byteLength;
    const journal = await openUpdateJournal(dir, recordingStorage(), silentLogger, segmentBytes);
    for (let i = 1; i <= 3; i++) journal.append(record(i));
    const full = journal.position(); // the first segment is full: the next record starts a new one
    journal.append(record(4));
    expect(segmentFiles()).toHaveLength(2);
    journal.release({ segment: full.segment - 1, offset: 0 }); // not all of it yet
    expect(segmentFiles()).toHaveLength(2);
    journal.release(full);
    expect(segmentFiles()).toHaveLength(1);
    journal.close();
  });
});
