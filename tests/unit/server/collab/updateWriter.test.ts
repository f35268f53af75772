import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type ClientChange, Room } from "../../../../server/collab/Room";
import { createUpdateWriter } from "../../../../server/collab/updateWriter";
import { silentLogger } from "../../../../server/log";
import type { DocumentStorage } from "../../../../server/storage/DocumentStorage";
import { openUpdateJournal, type UpdateJournal } from "../../../../server/storage/journal/updateJournal";
import { fakeConnection, recordingStorage } from "./fakes";

let dir: string;
let journal: UpdateJournal;
let room: Room;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "mutual-writer-"));
  journal = await openUpdateJournal(dir, recordingStorage(), silentLogger);
  room = new Room("exchange0001/document0001", 1e9, { store() {}, broken() {} });
});
afterEach(() => {
  vi.useRealTimers();
  journal.close();
  room.destroy();
  rmSync(dir, { recursive: true, force: true });
});

function change(byte: number, participantId = "alice00001"): ClientChange {
  return {
    room,
    update: new Uint8Array([byte]),
    origin: fakeConnection(participantId),
    clocks: new Map([[7, byte + 1]]),
    newClientIds: byte === 0 ? [7] : [],
  };
}

const segments = () => readdirSync(dir).filter((name) => name.endsWith(".log"));

/** A writer over `storage` and the test's journal, recording the batches it reports written. */
function makeWriter(storage: DocumentStorage, timing: { intervalMs: number; maxBatch?: number }) {
  /** Per batch written: how many changes of it each room made. */
  const written: Map<Room, number>[] = [];
  const writer = createUpdateWriter({
    storage,
    durability: { kind: "journal", journal },
    intervalMs: timing.intervalMs,
    maxBatch: timing.maxBatch ?? 1000,
    log: silentLogger,
    onWritten: (changes) => written.push(changes),
  });
  return { writer, written };
}

describe("update writer (journal, then database batches)", () => {
  it("journals each change at once and writes one transaction per interval, with how far the journal reached", async () => {
    vi.useFakeTimers();
    const storage = recordingStorage();
    const { writer, written } = makeWriter(storage, { intervalMs: 100 });
    for (let i = 0; i < 5; i++) {
      writer.store(change(i));
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(segments()).toHaveLength(1); // durable before any transaction
    expect(storage.batches).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(storage.batches.map((batch) => batch.length)).toEqual([5]);
    expect(storage.batches[0]![0]).toMatchObject({ author: "alice00001", newClientIds: [7] });
    expect(written).toEqual([new Map([[room, 5]])]);
    expect(storage.journal).toEqual(journal.position());
  });

  it("writes as soon as a batch is full, after the current turn", async () => {
    const storage = recordingStorage();
    const { writer } = makeWriter(storage, { intervalMs: 60_000, maxBatch: 3 });
    for (let i = 0; i < 3; i++) writer.store(change(i));
    expect(storage.batches).toHaveLength(0);
    await new Promise((resolve) => setImmediate(resolve));
    await writer.flush();
    expect(storage.batches.map((batch) => batch.length)).toEqual([3]);
    await writer.close();
  });

  it("keeps a failed batch and its journal, and writes both with a retry", async () => {
    vi.useFakeTimers();
    const storage = recordingStorage(1);
    const { writer, written } = makeWriter(storage, { intervalMs: 0 });
    writer.store(change(1));
    await vi.advanceTimersByTimeAsync(1);
    expect(storage.batches).toHaveLength(0);
    expect(written).toHaveLength(0);
    expect(segments()).toHaveLength(1);
    writer.store(change(2));
    await vi.advanceTimersByTimeAsync(1000);
    expect(storage.batches.map((batch) => batch.map((r) => r.update[0]))).toEqual([[1, 2]]);
    expect(written).toEqual([new Map([[room, 2]])]);
    expect(storage.journal).toEqual(journal.position());
  });

  it("throws, and queues nothing, when the journal cannot be written", async () => {
    const storage = recordingStorage();
    journal.close();
    rmSync(dir, { recursive: true, force: true }); // the journal's directory is gone
    const { writer } = makeWriter(storage, { intervalMs: 0 });
    expect(() => writer.store(change(1))).toThrow(/ENOENT/);
    await writer.flush();
    expect(storage.batches).toEqual([]);
  });
});
