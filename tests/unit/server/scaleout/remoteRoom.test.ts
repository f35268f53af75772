import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { type ClientChange, Room } from "../../../../server/collab/Room";
import { MessageType } from "../../../../shared/protocol/messageTypes";
import { fakeConnection } from "../collab/fakes";

/** A room of one instance, recording what it stores and what presence it would publish to the others. */
function instanceRoom() {
  const stored: ClientChange[] = [];
  const published: Uint8Array[] = [];
  const room = new Room("exchange0001/document0001", 1e9, {
    store: (change) => {
      stored.push(change);
    },
    broken: () => {},
  });
  room.presence.onLocalAwareness = (update) => published.push(update);
  return { room, stored, published };
}

function typed(text: string, clientId: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  doc.getText("t").insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

function presence(clientId: number, clock: number, state: Record<string, unknown> | null): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarString(encoder, JSON.stringify(state));
  return encoding.toUint8Array(encoder);
}

const syncUpdates = (connection: { sent: Uint8Array[] }) =>
  connection.sent.filter((m) => decoding.readVarUint(decoding.createDecoder(m)) === MessageType.sync);
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("a room's changes and presence from other instances", () => {
  it("relays another instance's stored change to every local client, stores nothing, and relays a duplicate never", () => {
    const { room, stored } = instanceRoom();
    const alice = fakeConnection("alice00001");
    room.add(alice);
    expect(room.applyRemoteUpdate(typed("from B", 5), [[5, "bruno00001"]])).toBe(true);
    expect(room.doc.getText("t").toString()).toBe("from B");
    expect(syncUpdates(alice)).toHaveLength(1);
    expect(stored).toHaveLength(0);
    expect(room.bindings.get(5)).toBe("bruno00001");
    // The same change again (joined while it was in flight, or caught up from the database): nothing new.
    expect(room.applyRemoteUpdate(typed("from B", 5), [])).toBe(false);
    expect(syncUpdates(alice)).toHaveLength(1);
    room.destroy();
  });

  it("holds a client id bound on another instance against forgery here", () => {
    const { room } = instanceRoom();
    const mallory = fakeConnection("mallory001");
    room.add(mallory);
    room.applyRemoteUpdate(typed("B", 5), [[5, "bruno00001"]]);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
    doc.clientID = 5;
    const before = Y.encodeStateVector(doc);
    doc.getText("t").insert(1, "forged");
    room.applyClientUpdate(mallory, Y.encodeStateAsUpdate(doc, before));
    expect(room.doc.getText("t").toString()).toBe("B");
    room.destroy();
  });

  it("sends a remote change merged with local ones of the same tick to their authors too", async () => {
    const { room } = instanceRoom();
    const alice = fakeConnection("alice00001");
    const carla = fakeConnection("carla00001");
    room.add(alice);
    room.add(carla);
    room.applyClientUpdate(alice, typed("a", 1)); // relayed at once to carla
    room.applyRemoteUpdate(typed("b", 2), []); // batched to the end of the turn
    await tick();
    const aliceDoc = new Y.Doc();
    for (const m of syncUpdates(alice)) {
      const d = decoding.createDecoder(m);
      decoding.readVarUint(d);
      decoding.readVarUint(d);
      Y.applyUpdate(aliceDoc, decoding.readVarUint8Array(d));
    }
    expect(aliceDoc.getText("t").toString()).toContain("b");
    room.destroy();
  });

  it("publishes its own clients' presence only, and withdraws a dead instance's clients", async () => {
    const { room, published } = instanceRoom();
    const alice = fakeConnection("alice00001");
    room.add(alice);
    room.presence.applyClient(alice, presence(41, 1, { cursor: null }));
    room.presence.applyRemote(presence(77, 1, { user: { name: "Bruno" } }), "B");
    room.presence.applyRemote(presence(88, 1, { user: { name: "Chen" } }), "C");
    await tick();
    expect(published).toHaveLength(1);
    const echo = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(echo, published[0]!, null);
    expect([...echo.getStates().keys()].filter((id) => id !== echo.clientID)).toEqual([41]);
    // A local client may not speak for another instance's client id.
    room.presence.applyClient(alice, presence(77, 2, { user: { name: "Fake" } }));
    expect(room.presence.awareness.getStates().get(77)?.user).toEqual({ name: "Bruno" });
    room.presence.dropRemote("B");
    await tick();
    expect([...room.presence.awareness.getStates().keys()].sort()).toEqual([41, 88]);
    // The withdrawal of B's client is not published back (B's own peers see B die themselves).
    expect(published).toHaveLength(1);
    // A newcomer instance asking who is here gets the local clients only.
    const answer = room.presence.local()!;
    const fresh = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(fresh, answer, null);
    expect(fresh.getStates().has(41)).toBe(true);
    expect(fresh.getStates().has(88)).toBe(false);
    room.destroy();
  });

  it("lets a participant whose client moved here from another instance take its presence over, and nobody else", async () => {
    const { room, published } = instanceRoom();
    const alice = fakeConnection("alice00001");
    const mallory = fakeConnection("mallory001");
    room.add(alice);
    room.add(mallory);
    // Alice's client was on instance B (which may have died before withdrawing it).
    room.presence.applyRemote(presence(77, 3, { user: { ...alice.identity } }), "B");
    room.presence.applyClient(mallory, presence(77, 4, { cursor: "elsewhere" }));
    expect(room.presence.awareness.getStates().get(77)?.cursor).toBeUndefined();
    room.presence.applyClient(alice, presence(77, 4, { cursor: "here" }));
    expect(room.presence.awareness.getStates().get(77)?.cursor).toBe("here");
    await tick();
    expect(published).toHaveLength(1);
    // Now it is this instance's: neither B's late withdrawal (same clock) nor B's death erases it.
    room.presence.applyRemote(presence(77, 4, null), "B");
    expect(room.presence.awareness.getStates().get(77)?.cursor).toBe("here");
    room.presence.dropRemote("B");
    expect(room.presence.awareness.getStates().has(77)).toBe(true);
    room.destroy();
  });

  it("finds what it lacks of a stored state", () => {
    const { room } = instanceRoom();
    room.applyRemoteUpdate(typed("here", 1), []);
    const both = Y.mergeUpdates([typed("here", 1), typed("stored only", 2)]);
    const missing = room.missingOf(both)!;
    expect(missing).not.toBeNull();
    expect(room.applyRemoteUpdate(missing, [])).toBe(true);
    expect(room.missingOf(both)).toBeNull();
    room.destroy();
  });
});
