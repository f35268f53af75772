import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodeUpdateBatch } from "../../../server/storage/journal/journalFormat";
import { openSqliteDatabase } from "../../../server/storage/sqlite/openSqliteDatabase";
import { startStorageWorker } from "../../../server/storage/sqlite/storageWorker";
import { startWalCheckpointer } from "../../../server/storage/sqlite/walCheckpointer";
import {
  BACKGROUND_THREAD_NICE,
  EVENT_LOOP_SLICE_NS,
  lowerOtherThreadsPriority,
  shortenThisThreadSlice,
} from "../../../server/threadPriority";
import { tempDir } from "../../support/tempDir";
import { kernelHasCustomSlices, threadNiceValues, threadSlices } from "../../support/threadSched";

const lowered = () =>
  [...threadNiceValues().values()].filter((nice) => nice === BACKGROUND_THREAD_NICE).length;
/** Vitest runs each test file on the main thread of its own process (pool "forks"). */
const ownNice = () => threadNiceValues().get(process.pid);

/** A batch for the storage worker, whose thread starts with its first one. */
const record = { documentName: "exchange0001/document0001", update: new Uint8Array([0, 0]), author: "p" };

async function until(condition: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !condition(); tries++) await new Promise((r) => setTimeout(r, 20));
}

describe.skipIf(!existsSync("/proc/thread-self"))("thread priority", () => {
  it("runs the storage and checkpoint workers below the event loop's priority", async () => {
    const file = join(tempDir("mutual-priority-"), "mutual.db");
    const db = openSqliteDatabase(file);
    const before = lowered();
    const eventLoopNice = ownNice();
    expect(eventLoopNice).not.toBe(BACKGROUND_THREAD_NICE);

    const storageWorker = startStorageWorker(file);
    await storageWorker.append(encodeUpdateBatch([record]), undefined, 1);
    expect(lowered()).toBe(before + 1);

    const checkpointer = startWalCheckpointer(db, file, { intervalMs: 50 });
    await until(() => lowered() === before + 2);
    expect(lowered()).toBe(before + 2);
    // The event loop's own thread keeps its priority.
    expect(ownNice()).toBe(eventLoopNice);

    await checkpointer.stop();
    await storageWorker.stop();
    db.close();
  });

  it("lowers every other thread of the process, and never the calling one", () => {
    const eventLoopNice = ownNice();
    const others = [...threadNiceValues().keys()].filter((tid) => tid !== process.pid);
    // V8's helpers at least: the case this is for.
    expect(others.length).toBeGreaterThan(0);
    expect(others.some((tid) => threadNiceValues().get(tid) !== BACKGROUND_THREAD_NICE)).toBe(true);

    expect(lowerOtherThreadsPriority()).toBeGreaterThanOrEqual(others.length);
    const after = threadNiceValues();
    for (const tid of others) if (after.has(tid)) expect(after.get(tid)).toBe(BACKGROUND_THREAD_NICE);
    expect(after.get(process.pid)).toBe(eventLoopNice);
  });

  // Last: it leaves this process's event loop with the short slice.
  it.skipIf(!kernelHasCustomSlices())(
    "gives the calling thread a short slice, and workers started after it the default again",
    async () => {
      const defaultSlice = threadSlices().get(process.pid);
      expect(defaultSlice).toBeGreaterThan(EVENT_LOOP_SLICE_NS);
      const before = new Set(threadSlices().keys());
      expect(shortenThisThreadSlice()).toBe(true);
      expect(threadSlices().get(process.pid)).toBe(EVENT_LOOP_SLICE_NS);

      const file = join(tempDir("mutual-slice-"), "mutual.db");
      const db = openSqliteDatabase(file);
      const storageWorker = startStorageWorker(file);
      await storageWorker.append(encodeUpdateBatch([record]), undefined, 1);
      const checkpointer = startWalCheckpointer(db, file, { intervalMs: 50 });
      const workers = () =>
        [...threadNiceValues()].filter(([tid, nice]) => !before.has(tid) && nice === BACKGROUND_THREAD_NICE);
      await until(() => workers().length === 2);
      // Both were started by a thread with the short slice, and both went back to the default.
      const slices = threadSlices();
      expect(workers().map(([tid]) => slices.get(tid))).toEqual([defaultSlice, defaultSlice]);

      await checkpointer.stop();
      await storageWorker.stop();
      db.close();
    },
  );
});
