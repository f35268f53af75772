import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import type { Connection } from "../../../server/collab/Connection";
import { Room } from "../../../server/collab/Room";
import { createUpdateWriter, type FlushedRoom } from "../../../server/collab/updateWriter";
import { silentLogger } from "../../../server/log";
import type { DocumentStorage, UpdateRecord } from "../../../server/storage/DocumentStorage";

function recordingStorage(failures = 0): DocumentStorage & { batches: UpdateRecord[][] } {
  let remainingFailures = failures;
  const batches: UpdateRecord[][] = [];
  return {
    batches,
    async loadDocument() {
      return null;
    },
    async appendUpdates(records) {
      if (remainingFailures-- > 0) throw new Error("disk full");
      batches.push([...records]);
    },
    async compact() {},
    async countUpdates() {
      return 0;
    },
    async close() {},
  };
}

const connection = (id: string): Connection => ({ id, send() {}, close() {}, awarenessIds: new Set() });

afterEach(() => {
  vi.useRealTimers();
});

describe("update writer", () => {
  it("writes a burst of keystrokes as one batch, not one write per keystroke", async () => {
    vi.useFakeTimers();
    const storage = recordingStorage();
    const flushed: FlushedRoom[][] = [];
    const writer = createUpdateWriter({ storage, intervalMs: 100, log: silentLogger, onFlushed: (r) => flushed.push(r) });
    const room = new Room("exchange0001/document0001", 1e9, () => {});
    const author = connection("c1");
    for (let i = 0; i < 50; i++) writer.enqueue(room, new Uint8Array([i]), author, new Map([[7, i + 1]]));
    expect(storage.batches).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(storage.batches).toHaveLength(1);
    expect(storage.batches[0]).toHaveLength(50);
    expect(flushed[0]![0]!.updates).toBe(50);
    expect(flushed[0]![0]!.clocksByConnection.get(author)).toEqual(new Map([[7, 50]]));
    room.destroy();
  });

  it("keeps a failed batch and writes it with the next one", async () => {
    vi.useFakeTimers();
    const storage = recordingStorage(1);
    const writer = createUpdateWriter({ storage, intervalMs: 50, log: silentLogger, onFlushed: () => {} });
    const room = new Room("exchange0001/document0001", 1e9, () => {});
    writer.enqueue(room, new Uint8Array([1]), connection("c1"), new Map());
    await vi.advanceTimersByTimeAsync(50);
    expect(storage.batches).toHaveLength(0);
    writer.enqueue(room, new Uint8Array([2]), connection("c1"), new Map());
    await vi.advanceTimersByTimeAsync(50);
    expect(storage.batches).toEqual([
      [
        { documentName: room.name, update: new Uint8Array([1]) },
        { documentName: room.name, update: new Uint8Array([2]) },
      ],
    ]);
    room.destroy();
  });
});

describe("room", () => {
  it("refuses an update that would grow the document past its maximum size and leaves it unchanged", () => {
    const room = new Room("exchange0001/document0001", 2_000, () => {});
    const source = new Y.Doc();
    source.getText("t").insert(0, "x".repeat(3_000));
    expect(() => room.applyClientUpdate(connection("c1"), Y.encodeStateAsUpdate(source))).toThrow(/exceed/);
    expect(room.doc.getText("t").length).toBe(0);
    room.destroy();
  });

  it("hands every client change to the update listener with the clocks it carries", () => {
    const seen: Array<Map<number, number>> = [];
    const room = new Room("exchange0001/document0001", 1e9, (_r, _u, _o, clocks) => seen.push(clocks));
    const source = new Y.Doc();
    source.clientID = 99;
    source.getText("t").insert(0, "héllo");
    room.applyClientUpdate(connection("c1"), Y.encodeStateAsUpdate(source));
    expect(seen).toEqual([new Map([[99, 5]])]);
    room.destroy();
  });
});
