import { describe, expect, it } from "vitest";
import { BatchBuffer } from "../../../../server/storage/journal/batchBuffer";

const bytes = (...values: number[]) => new Uint8Array(values);

describe("batch buffer", () => {
  it("hands out what was added, in order, and starts again empty", () => {
    const buffer = new BatchBuffer();
    buffer.add(bytes(1, 2));
    buffer.add(bytes(3));
    expect(buffer.take()).toEqual({ bytes: bytes(1, 2, 3), count: 2 });
    expect(buffer.take()).toEqual({ bytes: bytes(), count: 0 });
  });

  it("grows past its first capacity without losing anything", () => {
    const buffer = new BatchBuffer();
    const record = new Uint8Array(40_000).map((_, i) => i % 251);
    for (let i = 0; i < 5; i++) buffer.add(record);
    const batch = buffer.take();
    expect(batch.count).toBe(5);
    expect(batch.bytes.byteLength).toBe(200_000);
    expect(batch.bytes.subarray(160_000)).toEqual(record);
  });

  it("puts a batch back ahead of what was added since", () => {
    const buffer = new BatchBuffer();
    buffer.add(bytes(1));
    buffer.add(bytes(2, 2));
    const failed = buffer.take();
    buffer.add(bytes(3));
    buffer.putBack(failed);
    buffer.add(bytes(4));
    expect(buffer.take()).toEqual({ bytes: bytes(1, 2, 2, 3, 4), count: 4 });
  });

  it("copies out: a batch taken does not change when the buffer is used again", () => {
    const buffer = new BatchBuffer();
    buffer.add(bytes(7));
    const batch = buffer.take();
    buffer.add(bytes(8));
    expect(batch.bytes).toEqual(bytes(7));
  });
});
