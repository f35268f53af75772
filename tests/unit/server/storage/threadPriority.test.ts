import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { encodeUpdateBatch } from "../../../../server/storage/journal/journalFormat";
import { startAppendWorker } from "../../../../server/storage/sqlite/appendWorker";
import { openSqliteDatabase } from "../../../../server/storage/sqlite/openSqliteDatabase";
import { STORAGE_THREAD_NICE } from "../../../../server/storage/sqlite/threadPriority";
import { startWalCheckpointer } from "../../../../server/storage/sqlite/walCheckpointer";

/** Nice value of each thread of this process (field 19 of /proc/self/task/<tid>/stat). */
function threadNiceValues(): number[] {
  return readdirSync("/proc/self/task").flatMap((tid) => {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      // The thread's name (field 2) may hold spaces: count the fields after its closing parenthesis.
      return [Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16])];
    } catch {
      return []; // the thread ended meanwhile
    }
  });
}

const lowered = () => threadNiceValues().filter((nice) => nice === STORAGE_THREAD_NICE).length;

async function until(condition: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !condition(); tries++) await new Promise((r) => setTimeout(r, 20));
}

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!existsSync("/proc/thread-self"))("storage thread priority", () => {
  it("runs the append and checkpoint workers below the event loop's priority", async () => {
    dir = mkdtempSync(join(tmpdir(), "mutual-priority-"));
    const file = join(dir, "mutual.db");
    const db = openSqliteDatabase(file);
    const before = lowered();
    const ownNice = threadNiceValues()[0];
    expect(ownNice).not.toBe(STORAGE_THREAD_NICE);

    const appendWorker = startAppendWorker(file);
    // The worker thread starts with its first batch.
    const record = { documentName: "exchange0001/document0001", update: new Uint8Array([0, 0]), author: "p" };
    await appendWorker.append(encodeUpdateBatch([record]), undefined, 1);
    expect(lowered()).toBe(before + 1);

    const checkpointer = startWalCheckpointer(db, file, { intervalMs: 50 });
    await until(() => lowered() === before + 2);
    expect(lowered()).toBe(before + 2);
    // The event loop's own thread keeps its priority.
    expect(threadNiceValues()[0]).toBe(ownNice);

    await checkpointer.stop();
    await appendWorker.stop();
    db.close();
  });
});
