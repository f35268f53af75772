import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as decoding from "lib0/decoding";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { CrossInstanceRooms, RemoteRoomHandlers } from "../../../../server/scaleout/crossInstance";
import { MessageType } from "../../../../shared/protocol/messageTypes";
import { journaledRegistry } from "../../../support/journaledRegistry";
import { fakeConnection, recordingStorage } from "../collab/fakes";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function typed(text: string, clientId: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  doc.getText("t").insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** The other instances, as a room's channel: records what is published, delivers what a test sends. */
function fakeChannel() {
  const handlers = new Map<string, RemoteRoomHandlers>();
  const order: string[] = [];
  const published: Array<{ room: string; update: Uint8Array }> = [];
  const channel: CrossInstanceRooms = {
    instanceId: "here",
    async subscribe(room, handler) {
      order.push(`subscribe ${room}`);
      handlers.set(room, handler);
    },
    unsubscribe(room) {
      order.push(`unsubscribe ${room}`);
      handlers.delete(room);
    },
    publishUpdate: (room, update) => published.push({ room, update }),
    publishAwareness() {},
    queryAwareness: (room) => order.push(`query ${room}`),
    publishCompacted() {},
  };
  return { channel, handlers, order, published };
}

const syncUpdates = (sent: Uint8Array[]) =>
  sent.filter((m) => decoding.readVarUint(decoding.createDecoder(m)) === MessageType.sync).length;

describe("rooms across instances", () => {
  it("subscribes before loading, applies what arrived meanwhile once, and publishes only what was stored here", async () => {
    dir = mkdtempSync(join(tmpdir(), "mutual-registry-"));
    const stored = typed("stored before the load", 7);
    const inFlight = typed("committed elsewhere during the load", 8);
    const { channel, handlers, order, published } = fakeChannel();
    let releaseLoad: () => void = () => {};
    const base = recordingStorage();
    const storage = {
      ...base,
      async loadDocument() {
        order.push("load");
        await new Promise<void>((resolve) => {
          releaseLoad = resolve;
        });
        // The load already holds the change published during it, and the one before.
        return {
          snapshot: null,
          snapshotStateVector: null,
          updates: [stored, inFlight],
          bindings: new Map(),
        };
      },
    };
    const { registry, journal } = await journaledRegistry(dir, storage, {
      roomIdleMs: 0,
      crossInstance: channel,
    });
    const name = "exchange0001/document0001";
    const alice = fakeConnection("alice00001");
    const joining = registry.join(name, alice);
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([`subscribe ${name}`, "load"]);
    // Published by another instance while this one was loading: held until the load is in.
    handlers.get(name)!.update(inFlight, [[8, "bruno00001"]], 1);
    handlers.get(name)!.update(typed("after the load", 9), [[9, "bruno00001"]], 1);
    releaseLoad();
    const room = await joining;
    expect(order).toEqual([`subscribe ${name}`, "load", `query ${name}`]);
    expect(room.doc.getText("t").toString()).toContain("after the load");
    expect(room.bindings.get(9)).toBe("bruno00001");
    await new Promise((resolve) => setImmediate(resolve));
    // Joined clients get what arrives now; a change the room already holds (a late duplicate) is not relayed.
    handlers.get(name)!.update(inFlight, [], 1);
    handlers.get(name)!.update(typed("later still", 11), [], 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(syncUpdates(alice.sent)).toBe(1);
    expect(published).toEqual([]);
    // A change made here is published once it is stored.
    const own = new Y.Doc();
    own.clientID = 10;
    own.getText("t").insert(0, "mine");
    room.applyClientUpdate(alice, Y.encodeStateAsUpdate(own));
    await new Promise((resolve) => setImmediate(resolve));
    expect(published.map((p) => p.room)).toEqual([name]);
    registry.leave(room, alice);
    // Its last client left: unloaded after the idle delay (0 here), and only then unsubscribed.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(order.at(-1)).toBe(`unsubscribe ${name}`);
    journal.close();
  });
});
