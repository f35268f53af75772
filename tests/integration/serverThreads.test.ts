import { existsSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { BACKGROUND_THREAD_NICE, EVENT_LOOP_SLICE_NS } from "../../server/threadPriority";
import { type RunningServer, startServer } from "../support/server";
import { kernelHasCustomSlices, threadNiceValues, threadSlices } from "../support/threadSched";

let server: RunningServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

describe.skipIf(!existsSync("/proc/thread-self"))("server threads", () => {
  it("runs every thread but the event loop's below its priority once listening", async () => {
    server = await startServer();
    const listening = server.logs.find((entry) => entry.event === "listening")!;
    const nice = threadNiceValues(server.pid);
    const eventLoopNice = nice.get(server.pid);
    // Started by this process's own (vitest's) priority, whatever it is.
    expect(eventLoopNice).toBe(threadNiceValues().get(process.pid));
    const others = [...nice].filter(([tid]) => tid !== server!.pid);
    // V8's compiler and collector helpers, the checkpoint worker: several, all lowered.
    expect(others.length).toBeGreaterThanOrEqual(4);
    expect(listening.backgroundThreads).toBeGreaterThanOrEqual(4);
    for (const [, value] of others) expect(value).toBe(BACKGROUND_THREAD_NICE);
  });

  it.skipIf(!kernelHasCustomSlices())("gives the event loop, and only it, a short time slice", async () => {
    server = await startServer();
    expect(server.logs.find((entry) => entry.event === "listening")?.shortSlice).toBe(true);
    const slices = threadSlices(server.pid);
    expect(slices.get(server.pid)).toBe(EVENT_LOOP_SLICE_NS);
    const others = [...slices].filter(([tid]) => tid !== server!.pid);
    expect(others.length).toBeGreaterThanOrEqual(4);
    for (const [, slice] of others) expect(slice).toBeGreaterThan(EVENT_LOOP_SLICE_NS);
  });
});
