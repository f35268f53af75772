import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../../server/log";
import { createGroupCommit } from "../../../../server/storage/durability/groupCommit";
import { recordingStorage } from "../collab/fakes";

interface Change {
  byte: number;
}

function groupCommit(failures = 0) {
  const storage = recordingStorage(failures);
  const committed: number[][] = [];
  const failed: number[][] = [];
  const group = createGroupCommit<Change>({
    storage,
    log: silentLogger,
    toRecord: ({ byte }) => ({
      documentName: "exchange0001/document0001",
      update: new Uint8Array([byte]),
      author: null,
    }),
    onCommitted: (changes) => committed.push(changes.map((change) => change.byte)),
    onFailed: (changes) => failed.push(changes.map((change) => change.byte)),
  });
  return { storage, group, committed, failed };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("group commit (PostgreSQL durability)", () => {
  it("commits one tick's changes in one transaction, and hands them on only after it", async () => {
    const { storage, group, committed } = groupCommit();
    group.add({ byte: 1 });
    group.add({ byte: 2 });
    const durable = group.whenDurable();
    expect(durable).not.toBeNull();
    // Nothing is handed on within the tick the changes arrived in.
    expect(committed).toEqual([]);
    expect(storage.batches).toEqual([]);
    await durable;
    expect(storage.batches.map((batch) => batch.map((record) => record.update[0]))).toEqual([[1, 2]]);
    expect(committed).toEqual([[1, 2]]);
    expect(group.whenDurable()).toBeNull();
  });

  it("gathers what arrives during a commit into the next one, in order", async () => {
    const { storage, group, committed } = groupCommit();
    group.add({ byte: 1 });
    await tick(); // the first commit is now in flight
    group.add({ byte: 2 });
    group.add({ byte: 3 });
    const second = group.whenDurable();
    await second;
    expect(storage.batches.map((batch) => batch.map((record) => record.update[0]))).toEqual([[1], [2, 3]]);
    expect(committed).toEqual([[1], [2, 3]]);
  });

  it("hands a failed commit's changes to onFailed, never to onCommitted, and rejects their waiters", async () => {
    const { group, committed, failed } = groupCommit(1);
    group.add({ byte: 1 });
    const durable = group.whenDurable()!;
    await expect(durable).rejects.toThrow("disk full");
    expect(failed).toEqual([[1]]);
    expect(committed).toEqual([]);
    // The next commit works again.
    group.add({ byte: 2 });
    await group.flush();
    expect(committed).toEqual([[2]]);
  });
});
