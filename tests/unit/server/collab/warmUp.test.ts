import { describe, expect, it } from "vitest";
import { warmUpRoomCode } from "../../../../server/collab/warmUp";

describe("warm-up of the room code", () => {
  it("takes a room through load, sync, a change and presence without a protocol error", async () => {
    expect(() => warmUpRoomCode()).not.toThrow();
    // The room's end-of-turn relay and presence broadcast run after it was destroyed: they must not throw either.
    await new Promise((resolve) => setImmediate(resolve));
  });
});
