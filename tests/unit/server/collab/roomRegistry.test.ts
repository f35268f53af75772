import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CloseCode } from "../../../../shared/protocol/closeCodes";
import { journaledRegistry } from "../../../support/journaledRegistry";
import { fakeConnection, recordingStorage } from "./fakes";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const typed = (doc: Y.Doc, text: string) => {
  const before = Y.encodeStateVector(doc);
  doc.getText("t").insert(doc.getText("t").length, text);
  return Y.encodeStateAsUpdate(doc, before);
};

describe("room registry", () => {
  it("drops a room whose change could not be journaled, unsaved, and loads it again afresh", async () => {
    dir = mkdtempSync(join(tmpdir(), "mutual-registry-"));
    const storage = recordingStorage();
    const { registry, journal } = await journaledRegistry(dir, storage);
    const name = "exchange0001/document0001";
    const alice = fakeConnection("alice00001");
    const bruno = fakeConnection("bruno00001");
    const room = await registry.join(name, alice);
    await registry.join(name, bruno);
    const aliceDoc = new Y.Doc();

    room.applyClientUpdate(alice, typed(aliceDoc, "kept"));
    expect(bruno.sent).toHaveLength(1);

    journal.close();
    rmSync(dir, { recursive: true, force: true }); // the disk is gone
    expect(() => room.applyClientUpdate(alice, typed(aliceDoc, " lost"))).toThrow(/could not be stored/);
    expect(bruno.sent).toHaveLength(1); // never relayed

    await new Promise((resolve) => setImmediate(resolve));
    expect(alice.closedWith).toBe(CloseCode.roomUnavailable); // both reconnect and resend what is missing
    expect(bruno.closedWith).toBe(CloseCode.roomUnavailable);
    const again = await registry.join(name, fakeConnection("chen000001"));
    expect(again).not.toBe(room);
    expect(again.isBroken).toBe(false);
    // What was journaled reached the database; the change that was not is nowhere.
    const stored = new Y.Doc();
    for (const batch of storage.batches) for (const record of batch) Y.applyUpdate(stored, record.update);
    expect(stored.getText("t").toString()).toBe("kept");
  });

  it("compacts rooms that reach the threshold in the same batch one at a time, spaced apart", async () => {
    dir = mkdtempSync(join(tmpdir(), "mutual-registry-"));
    const storage = recordingStorage();
    const compactedAt: number[] = [];
    storage.compact = async () => {
      compactedAt.push(performance.now());
      return { updates: 1, bytes: 20 };
    };
    const spacing = 30;
    const { registry } = await journaledRegistry(dir, storage, {
      flushMaxBatch: 3,
      compactAfterUpdates: 1,
      compactionSpacingMs: spacing,
    });
    const rooms = ["exchange0001/document0001", "exchange0001/document0002", "exchange0001/document0003"];
    const author = fakeConnection("alice00001");
    for (const name of rooms)
      (await registry.join(name, author)).applyClientUpdate(author, typed(new Y.Doc(), "x"));

    for (let i = 0; i < 100 && compactedAt.length < rooms.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(storage.batches).toHaveLength(1); // all three reached the threshold together
    expect(compactedAt).toHaveLength(3);
    // Timers may fire up to a millisecond early by the clock read here.
    expect(compactedAt[1]! - compactedAt[0]!).toBeGreaterThanOrEqual(spacing - 1);
    expect(compactedAt[2]! - compactedAt[1]!).toBeGreaterThanOrEqual(spacing - 1);
    await registry.flushAll();
    expect(compactedAt).toHaveLength(3); // nothing left to compact at shutdown
  });
});
