import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Connection } from "../../../../server/collab/Connection";
import { Room } from "../../../../server/collab/Room";
import { createLogger } from "../../../../server/log";
import { createRunSerializer, localRunLock } from "../../../../server/run/runLock";
import type { RunRooms } from "../../../../server/run/serverChange";
import type { StoredDocument } from "../../../../server/storage/DocumentStorage";

const NAME = "exchange0001/document0001";
const log = createLogger(() => {});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An update setting `key` in the run map, made by a document of its own (another instance's change). */
function change(base: Y.Doc, key: string): Uint8Array {
  const before = Y.encodeStateVector(base);
  base.getMap("run").set(key, true);
  return Y.encodeStateAsUpdate(base, before);
}

/** One loaded room; storage holds it plus whatever `durable` adds (committed by another instance). */
function setup() {
  const other = new Y.Doc();
  const first = change(other, "started");
  const room = new Room(NAME, 1e9, { store() {}, broken() {} });
  room.load({ snapshot: null, snapshotStateVector: null, updates: [first], bindings: new Map() });
  const durable: Uint8Array[] = [first];
  const rooms: RunRooms = { join: async () => room, leave() {} };
  const stored = async (): Promise<StoredDocument> => ({
    snapshot: null,
    snapshotStateVector: null,
    updates: [...durable],
    bindings: new Map(),
  });
  return { other, room, durable, rooms, stored };
}

const connection = {} as Connection;

describe("run serializer", () => {
  it("inside the lock, a joined room is caught up with what another instance committed but did not publish yet", async () => {
    const { other, room, durable, rooms, stored } = setup();
    durable.push(change(other, "revealed"));
    const serializer = createRunSerializer({ lock: localRunLock(), rooms, loadDocument: stored, log });
    // Outside a command nothing is read from storage (state reads stay cheap).
    await serializer.rooms.join(NAME, connection);
    expect(room.doc.getMap("run").get("revealed")).toBeUndefined();
    const seen = await serializer.serialize(NAME, async () => {
      const joined = await serializer.rooms.join(NAME, connection);
      return joined.doc.getMap("run").get("revealed");
    });
    expect(seen).toBe(true);
  });

  it("commands of one document run one after the other, each released only once its change is durable; re-entrant", async () => {
    const { rooms } = setup();
    const order: string[] = [];
    let durableCalls = 0;
    const serializer = createRunSerializer({
      lock: localRunLock(),
      rooms,
      log,
      whenDurable: async () => {
        await sleep(20);
        durableCalls++;
        order.push("durable");
      },
    });
    const command = (label: string) =>
      serializer.serialize(NAME, async () => {
        order.push(`${label} start`);
        // Nested (reveal called from command) does not wait for itself.
        await serializer.serialize(NAME, async () => sleep(10));
        order.push(`${label} end`);
      });
    await Promise.all([command("a"), command("b")]);
    // b starts after a ended and a's change was durable; once per command, not per nested call.
    expect(order).toEqual(["a start", "a end", "durable", "b start", "b end", "durable"]);
    expect(durableCalls).toBe(2);
  });
});
