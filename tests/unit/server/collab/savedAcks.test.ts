import * as decoding from "lib0/decoding";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSavedAcks } from "../../../../server/collab/savedAcks";
import { readSavedClocks } from "../../../../shared/protocol/savedMessage";
import { fakeConnection } from "./fakes";

afterEach(() => {
  vi.useRealTimers();
});

const ackedClocks = (message: Uint8Array) => {
  const decoder = decoding.createDecoder(message);
  decoding.readVarUint(decoder); // message type
  return readSavedClocks(decoder);
};

/** Fake timers, acknowledgements with the server's settings, and two authors. */
function setUp() {
  vi.useFakeTimers();
  return {
    acks: createSavedAcks({ quietMs: 250, maxWaitMs: 2000 }),
    alice: fakeConnection("alice00001"),
    bruno: fakeConnection("bruno00001"),
  };
}

describe("saved acknowledgements", () => {
  it("go out once the author pauses, as one message with the highest clocks", async () => {
    const { acks, alice } = setUp();
    for (let clock = 1; clock <= 5; clock++) {
      acks.add(alice, new Map([[7, clock]]));
      await vi.advanceTimersByTimeAsync(100); // typing: never a 250 ms pause
    }
    expect(alice.sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(150);
    expect(alice.sent.map(ackedClocks)).toEqual([new Map([[7, 5]])]);
  });

  it("go out at the longest wait while the author keeps typing, and per connection", async () => {
    const { acks, alice, bruno } = setUp();
    acks.add(bruno, new Map([[9, 1]]));
    for (let clock = 1; clock <= 30; clock++) {
      acks.add(alice, new Map([[7, clock]]));
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(bruno.sent).toHaveLength(1);
    // 3 s of typing: one acknowledgement, about 2 s after the first change.
    expect(alice.sent).toHaveLength(1);
    expect(ackedClocks(alice.sent[0]!).get(7)).toBeGreaterThanOrEqual(18);
    expect(ackedClocks(alice.sent[0]!).get(7)).toBeLessThanOrEqual(20);
  });

  it("go out within a fifth of the quiet period after it ends, then leave no timer running", async () => {
    const { acks, alice, bruno } = setUp();
    acks.add(alice, new Map([[7, 1]]));
    await vi.advanceTimersByTimeAsync(30);
    acks.add(bruno, new Map([[9, 1]])); // off the shared tick's beat
    await vi.advanceTimersByTimeAsync(249);
    expect(bruno.sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(50);
    expect(alice.sent).toHaveLength(1);
    expect(bruno.sent).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("flush sends everything gathered at once (shutdown)", () => {
    const { acks, alice } = setUp();
    acks.add(alice, new Map([[7, 3]]));
    acks.flush();
    expect(alice.sent.map(ackedClocks)).toEqual([new Map([[7, 3]])]);
    acks.flush();
    expect(alice.sent).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
