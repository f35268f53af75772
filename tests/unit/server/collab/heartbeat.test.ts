import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type HeartbeatSocket, startHeartbeat } from "../../../../server/collab/heartbeat";

function fakeSocket(answers: boolean) {
  const socket = {
    pings: 0,
    terminated: false,
    answers,
    isAlive: true as boolean | undefined,
    ping() {
      socket.pings++;
      if (socket.answers) queueMicrotask(() => (socket.isAlive = true));
    },
    terminate() {
      socket.terminated = true;
    },
  };
  return socket satisfies HeartbeatSocket;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("heartbeat", () => {
  it("pings every socket once per interval, a few per tick rather than all at once", async () => {
    const sockets = Array.from({ length: 90 }, () => fakeSocket(true));
    const heartbeat = startHeartbeat(() => sockets, 3_000, 30);
    let mostInOneTick = 0;
    for (let tick = 0; tick < 30; tick++) {
      const before = sockets.reduce((total, socket) => total + socket.pings, 0);
      await vi.advanceTimersByTimeAsync(100);
      const after = sockets.reduce((total, socket) => total + socket.pings, 0);
      mostInOneTick = Math.max(mostInOneTick, after - before);
    }
    expect(sockets.map((socket) => socket.pings)).toEqual(sockets.map(() => 1));
    expect(mostInOneTick).toBe(3);
    heartbeat.stop();
  });

  it("terminates a socket that did not answer its ping by its next turn, and only that one", async () => {
    const silent = fakeSocket(false);
    const answering = fakeSocket(true);
    const heartbeat = startHeartbeat(() => [silent, answering], 3_000, 30);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(silent.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(silent.terminated).toBe(true);
    expect(answering.terminated).toBe(false);
    expect(answering.pings).toBe(2);
    heartbeat.stop();
  });
});
