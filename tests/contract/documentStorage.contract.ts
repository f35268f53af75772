import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { DocumentStorage } from "../../server/storage/DocumentStorage";
import { encodeUpdateBatch } from "../../server/storage/journal/journalFormat";

/** A storage under test, plus a way to open it again on the same data (to check what survives). */
export interface StorageHarness {
  open(): Promise<DocumentStorage>;
  reopen(): Promise<DocumentStorage>;
  dispose(): Promise<void>;
}

function textOf(storageState: { snapshot: Uint8Array | null; updates: Uint8Array[] } | null): string {
  const doc = new Y.Doc();
  if (storageState?.snapshot) Y.applyUpdate(doc, storageState.snapshot);
  for (const update of storageState?.updates ?? []) Y.applyUpdate(doc, update);
  return doc.getText("t").toString();
}

/** Updates made by typing `text` one character at a time (like keystrokes). */
function keystrokes(doc: Y.Doc, text: string): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const listener = (update: Uint8Array) => updates.push(update);
  doc.on("update", listener);
  for (const char of text) doc.getText("t").insert(doc.getText("t").length, char);
  doc.off("update", listener);
  return updates;
}

/** One contract every DocumentStorage implementation passes (SQLite today, PostgreSQL for scale-out). */
export function documentStorageContract(name: string, makeHarness: () => Promise<StorageHarness>): void {
  describe(`DocumentStorage contract: ${name}`, () => {
    let harness: StorageHarness;
    let storage: DocumentStorage;

    beforeEach(async () => {
      harness = await makeHarness();
      storage = await harness.open();
    });
    afterEach(async () => {
      await storage.close();
      await harness.dispose();
    });

    it("returns null for a document never stored", async () => {
      expect(await storage.loadDocument("exchange0001/never000001")).toBeNull();
    });

    it("appends a batch of updates across documents in order and loads them back", async () => {
      const a = new Y.Doc();
      const b = new Y.Doc();
      const batch = [
        ...keystrokes(a, "hello").map((update) => ({
          documentName: "exchange0001/docaaaaaaa1",
          update,
          author: "alice00001",
        })),
        ...keystrokes(b, "olá 你好").map((update) => ({
          documentName: "exchange0001/docbbbbbbb1",
          update,
          author: "bruno00001",
        })),
      ];
      await storage.appendUpdates(encodeUpdateBatch(batch));
      const loadedA = await storage.loadDocument("exchange0001/docaaaaaaa1");
      expect(loadedA?.updates).toHaveLength(5);
      expect(textOf(loadedA)).toBe("hello");
      expect(textOf(await storage.loadDocument("exchange0001/docbbbbbbb1"))).toBe("olá 你好");
      expect(await storage.countUpdates("exchange0001/docaaaaaaa1")).toBe(5);
    });

    it("compaction keeps all content, leaves an empty log and accepts later updates", async () => {
      const doc = new Y.Doc();
      const name = "exchange0001/compacted01";
      await storage.appendUpdates(
        encodeUpdateBatch(
          keystrokes(doc, "first part").map((update) => ({ documentName: name, update, author: null })),
        ),
      );
      const compactedStateVector = Y.encodeStateVector(doc);
      expect(await storage.compact(name)).toEqual({
        updates: "first part".length,
        bytes: Y.encodeStateAsUpdate(doc).byteLength,
      });
      expect(await storage.countUpdates(name)).toBe(0);
      await storage.appendUpdates(
        encodeUpdateBatch(
          keystrokes(doc, ", second").map((update) => ({ documentName: name, update, author: null })),
        ),
      );
      const loaded = await storage.loadDocument(name);
      expect(loaded?.snapshot).not.toBeNull();
      expect(loaded?.snapshotStateVector).toEqual(compactedStateVector);
      expect(textOf(loaded)).toBe("first part, second");
    });

    it("builds each snapshot on the last, from what is stored only, deletions collected", async () => {
      const doc = new Y.Doc();
      const name = "exchange0001/compacted02";
      const store = async (updates: Uint8Array[]) =>
        storage.appendUpdates(
          encodeUpdateBatch(updates.map((update) => ({ documentName: name, update, author: null }))),
        );
      expect(await storage.compact(name)).toBeNull();
      await store(keystrokes(doc, "draft text, "));
      await storage.compact(name);
      const deletion: Uint8Array[] = [];
      doc.once("update", (update: Uint8Array) => deletion.push(update));
      doc.getText("t").delete(0, "draft ".length);
      await store([...deletion, ...keystrokes(doc, "agreed")]);
      // Typed after the last stored update: in the live document only, never in a snapshot.
      keystrokes(doc, " unsaved");

      expect(await storage.compact(name)).toMatchObject({ updates: 1 + "agreed".length });
      const loaded = await storage.loadDocument(name);
      expect(loaded?.updates).toEqual([]);
      expect(textOf(loaded)).toBe("text, agreed");
      const rebuilt = new Y.Doc();
      Y.applyUpdate(rebuilt, loaded!.snapshot!);
      expect(loaded?.snapshotStateVector).toEqual(Y.encodeStateVector(rebuilt));
      // The deleted characters are kept only as a deleted range, not as content.
      expect(loaded!.snapshot!.byteLength).toBeLessThan(Y.encodeStateAsUpdate(doc).byteLength);
      expect(await storage.compact(name)).toEqual({ updates: 0, bytes: loaded!.snapshot!.byteLength });
    });

    it("keeps updates whose dependencies never arrived through a compaction", async () => {
      const doc = new Y.Doc();
      const name = "exchange0001/compacted03";
      const [first, second, third] = keystrokes(doc, "abc");
      // The first keystroke never reached storage: the later ones wait for it, and must not be lost.
      await storage.appendUpdates(
        encodeUpdateBatch([second!, third!].map((update) => ({ documentName: name, update, author: null }))),
      );
      await storage.compact(name);
      const recovered = new Y.Doc();
      const loaded = await storage.loadDocument(name);
      Y.applyUpdate(recovered, loaded!.snapshot!);
      expect(recovered.getText("t").toString()).toBe("");
      Y.applyUpdate(recovered, first!);
      expect(recovered.getText("t").toString()).toBe("abc");
      expect(recovered.store.pendingStructs).toBeNull();
    });

    it("keeps everything across a reopen", async () => {
      const doc = new Y.Doc();
      const name = "exchange0001/reopened001";
      await storage.appendUpdates(
        encodeUpdateBatch(
          keystrokes(doc, "abc").map((update) => ({ documentName: name, update, author: null })),
        ),
      );
      await storage.compact(name);
      await storage.appendUpdates(
        encodeUpdateBatch(
          keystrokes(doc, "def").map((update) => ({ documentName: name, update, author: null })),
        ),
      );
      await storage.close();
      storage = await harness.reopen();
      expect(textOf(await storage.loadDocument(name))).toBe("abcdef");
    });

    it("keeps the attributed log and the client-id bindings after compaction", async () => {
      const alice = new Y.Doc();
      const bruno = new Y.Doc();
      const name = "exchange0001/attributed1";
      const [first, ...rest] = keystrokes(alice, "oi");
      await storage.appendUpdates(
        encodeUpdateBatch([
          { documentName: name, update: first!, author: "alice00001", newClientIds: [alice.clientID] },
          ...rest.map((update) => ({ documentName: name, update, author: "alice00001" })),
          {
            documentName: name,
            update: keystrokes(bruno, "你")[0]!,
            author: "bruno00001",
            newClientIds: [bruno.clientID],
          },
        ]),
      );
      await storage.compact(name);
      const log = await storage.listUpdates(name);
      expect(log.map((entry) => entry.author)).toEqual(["alice00001", "alice00001", "bruno00001"]);
      expect(log.map((entry) => entry.seq)).toEqual([...log.map((entry) => entry.seq)].sort((a, b) => a - b));
      const loaded = await storage.loadDocument(name);
      expect(loaded?.updates).toEqual([]);
      expect(loaded?.bindings).toEqual(
        new Map([
          [alice.clientID, "alice00001"],
          [bruno.clientID, "bruno00001"],
        ]),
      );
    });

    it("an empty batch is a no-op", async () => {
      await storage.appendUpdates(encodeUpdateBatch([]));
      expect(await storage.loadDocument("exchange0001/nothing0001")).toBeNull();
    });

    it("records how far the update journal reached, with its batch, across a reopen, never backwards", async () => {
      expect(await storage.appliedJournalPosition()).toEqual({ segment: 0, offset: 0 });
      const update = keystrokes(new Y.Doc(), "a")[0]!;
      const record = { documentName: "exchange0001/journal0001", update, author: null };
      await storage.appendUpdates(encodeUpdateBatch([record]), { segment: 3, offset: 120 });
      await storage.appendUpdates(encodeUpdateBatch([]), { segment: 3, offset: 80 });
      await storage.appendUpdates(encodeUpdateBatch([]), { segment: 2, offset: 900 });
      expect(await storage.appliedJournalPosition()).toEqual({ segment: 3, offset: 120 });
      await storage.appendUpdates(encodeUpdateBatch([]), { segment: 4, offset: 0 });
      await storage.close();
      storage = await harness.reopen();
      expect(await storage.appliedJournalPosition()).toEqual({ segment: 4, offset: 0 });
      expect(textOf(await storage.loadDocument("exchange0001/journal0001"))).toBe("a");
    });

    // Version history (issue 32): the log by range, bindings, versions and checkpoints, kept for ever.
    it("reads the attributed log by range, its size and last position, and the client bindings", async () => {
      const doc = new Y.Doc();
      const name = "exchange0001/history0001";
      const updates = keystrokes(doc, "abcd");
      await storage.appendUpdates(
        encodeUpdateBatch(
          updates.map((update, i) => ({
            documentName: name,
            update,
            author: "alice00001",
            newClientIds: i === 0 ? [doc.clientID] : [],
          })),
        ),
      );
      const log = await storage.listUpdates(name);
      expect(log.map((entry) => entry.author)).toEqual([
        "alice00001",
        "alice00001",
        "alice00001",
        "alice00001",
      ]);
      // Not a participant this storage's directory knows: no delegation.
      expect(log[0]!.delegationId).toBeNull();
      const last = await storage.lastSeq(name);
      expect(last).toBe(log[3]!.seq);
      const middle = await storage.listUpdates(name, { afterSeq: log[0]!.seq, throughSeq: log[2]!.seq });
      expect(middle.map((entry) => entry.seq)).toEqual([log[1]!.seq, log[2]!.seq]);
      expect(await storage.logBytes(name)).toBe(updates.reduce((sum, u) => sum + u.byteLength, 0));
      expect(await storage.logBytes(name, { afterSeq: last })).toBe(0);
      expect(await storage.lastSeq("exchange0001/nothing0001")).toBe(0);
      expect(await storage.listBindings(name)).toEqual([
        { clientId: doc.clientID, participantId: "alice00001", delegationId: null },
      ]);
    });

    it("keeps versions (newest first, paged, renamed) and their changes, and checkpoints, across compaction and a reopen", async () => {
      const name = "exchange0001/versions001";
      const doc = new Y.Doc();
      await storage.appendUpdates(
        encodeUpdateBatch(
          keystrokes(doc, "xyz").map((update) => ({ documentName: name, update, author: "bo" })),
        ),
      );
      const seq = await storage.lastSeq(name);
      const base = {
        documentName: name,
        createdAt: 1000,
        name: null,
        event: null,
        createdBy: null,
        contributors: [{ participantId: "bo", delegationId: "recife" }],
        stateVector: Y.encodeStateVector(doc),
      };
      const first = await storage.addVersion({
        ...base,
        throughSeq: seq - 1,
        kind: "auto",
        changes: new Uint8Array([1]),
      });
      const second = await storage.addVersion({
        ...base,
        throughSeq: seq,
        kind: "run-event",
        event: { type: "phase", phase: 2 },
        changes: new Uint8Array([2, 2]),
      });
      const third = await storage.addVersion({
        ...base,
        throughSeq: seq,
        kind: "named",
        name: "Day 1",
        changes: new Uint8Array([3]),
      });
      expect(await storage.countVersions(name)).toBe(3);
      expect((await storage.listVersions(name, { limit: 2 })).map((v) => v.id)).toEqual([
        third.id,
        second.id,
      ]);
      expect((await storage.listVersions(name, { beforeId: second.id, limit: 2 })).map((v) => v.id)).toEqual([
        first.id,
      ]);
      expect(await storage.getVersion(name, second.id)).toEqual({ ...second });
      expect((await storage.getVersion(name, second.id))?.event).toEqual({ type: "phase", phase: 2 });
      expect(await storage.getVersion("exchange0001/other00001", second.id)).toBeNull();
      expect(await storage.renameVersion(name, first.id, "Before day 2")).toBe(true);
      expect(await storage.renameVersion(name, 999_999, "nothing")).toBe(false);
      expect(
        (await storage.versionChanges(name, { afterSeq: seq - 1, throughSeq: seq })).map((c) => [...c]),
      ).toEqual([[2, 2], [3]]);
      await storage.addCheckpoint(name, { throughSeq: seq - 1, data: new Uint8Array([9, 9]) }, 1000);
      await storage.compact(name);
      await storage.close();
      storage = await harness.reopen();
      expect((await storage.getVersion(name, first.id))?.name).toBe("Before day 2");
      expect(await storage.listUpdates(name)).toHaveLength(3);
      expect(await storage.findCheckpoint(name, seq)).toEqual({
        throughSeq: seq - 1,
        data: new Uint8Array([9, 9]),
      });
      expect(await storage.findCheckpoint(name, seq - 2)).toBeNull();
      expect(await storage.checkpointSize(name)).toEqual({ throughSeq: seq - 1, bytes: 2 });
      expect(await storage.checkpointSize("exchange0001/other00001")).toBeNull();
      expect(await storage.checkpointSize(name, seq - 2)).toBeNull();
      expect(await storage.checkpointSize(name, seq)).toEqual({ throughSeq: seq - 1, bytes: 2 });
      expect(await storage.findCheckpoint(name)).toEqual({
        throughSeq: seq - 1,
        data: new Uint8Array([9, 9]),
      });
    });
  });
}
