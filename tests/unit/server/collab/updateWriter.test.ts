import { afterEach, describe, expect, it, vi } from "vitest";
import { type ClientChange, Room } from "../../../../server/collab/Room";
import { createUpdateWriter } from "../../../../server/collab/updateWriter";
import { silentLogger } from "../../../../server/log";
import { fakeConnection, recordingStorage } from "./fakes";

afterEach(() => {
  vi.useRealTimers();
});

function change(room: Room, byte: number, participantId = "alice00001"): ClientChange {
  return {
    room,
    update: new Uint8Array([byte]),
    origin: fakeConnection(participantId),
    clocks: new Map([[7, byte + 1]]),
    newClientIds: byte === 0 ? [7] : [],
  };
}

describe("update writer (group commit)", () => {
  it("commits everything that arrived in one event-loop turn as one transaction, then hands it on", async () => {
    const storage = recordingStorage();
    const committed: ClientChange[][] = [];
    const writer = createUpdateWriter({
      storage,
      intervalMs: 0,
      log: silentLogger,
      onCommitted: (c) => committed.push(c),
    });
    const room = new Room("exchange0001/document0001", 1e9, () => {}, silentLogger);
    for (let i = 0; i < 50; i++) writer.enqueue(change(room, i));
    expect(storage.batches).toHaveLength(0);
    await new Promise((resolve) => setImmediate(resolve));
    await writer.flush();
    expect(storage.batches).toHaveLength(1);
    expect(storage.batches[0]).toHaveLength(50);
    expect(storage.batches[0]![0]).toMatchObject({ author: "alice00001", newClientIds: [7] });
    expect(committed).toHaveLength(1);
    expect(committed[0]).toHaveLength(50);
    room.destroy();
  });

  it("with an interval, keystrokes within it share one transaction", async () => {
    vi.useFakeTimers();
    const storage = recordingStorage();
    const writer = createUpdateWriter({ storage, intervalMs: 100, log: silentLogger, onCommitted: () => {} });
    const room = new Room("exchange0001/document0001", 1e9, () => {}, silentLogger);
    for (let i = 0; i < 5; i++) {
      writer.enqueue(change(room, i));
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(100);
    expect(storage.batches.map((batch) => batch.length)).toEqual([5]);
    room.destroy();
  });

  it("keeps a failed batch, hands nothing on, and writes it with a retry", async () => {
    vi.useFakeTimers();
    const storage = recordingStorage(1);
    const committed: ClientChange[][] = [];
    const writer = createUpdateWriter({
      storage,
      intervalMs: 0,
      log: silentLogger,
      onCommitted: (c) => committed.push(c),
    });
    const room = new Room("exchange0001/document0001", 1e9, () => {}, silentLogger);
    writer.enqueue(change(room, 1));
    await vi.advanceTimersByTimeAsync(1);
    expect(storage.batches).toHaveLength(0);
    expect(committed).toHaveLength(0);
    writer.enqueue(change(room, 2));
    await vi.advanceTimersByTimeAsync(1000);
    expect(storage.batches.map((batch) => batch.map((r) => r.update[0]))).toEqual([[1, 2]]);
    expect(committed).toHaveLength(1);
    room.destroy();
  });
});
