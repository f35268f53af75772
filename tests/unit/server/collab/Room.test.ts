import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { type ClientChange, Room } from "../../../../server/collab/Room";
import { MessageType } from "../../../../shared/protocol/messageTypes";
import { fakeConnection } from "./fakes";

/** A room whose storage records each change, or throws while `failing` is set. */
function makeRoom(maxBytes = 1e9) {
  const changes: ClientChange[] = [];
  const storage = { failing: false, broken: 0 };
  const room = new Room("exchange0001/document0001", maxBytes, {
    store(change) {
      if (storage.failing) throw new Error("disk full");
      changes.push(change);
    },
    broken: () => storage.broken++,
  });
  return { room, changes, storage };
}

/** Connections of these participants, each added to the room. */
function joined<const Ids extends readonly string[]>(room: Room, ...participantIds: Ids) {
  return participantIds.map((participantId) => {
    const connection = fakeConnection(participantId);
    room.add(connection);
    return connection;
  }) as { [K in keyof Ids]: ReturnType<typeof fakeConnection> };
}

function typed(text: string, clientId: number, base?: Y.Doc): Uint8Array {
  const doc = new Y.Doc();
  if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  // Set after loading the base: Yjs itself would pick a new id on seeing its own id arrive from elsewhere.
  doc.clientID = clientId;
  const before = Y.encodeStateVector(doc);
  doc.getText("t").insert(doc.getText("t").length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

/** The text of a doc that applied these sync messages (step 2 or update) in order. */
function textOfSync(messages: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const message of messages) {
    const decoder = decoding.createDecoder(message);
    decoding.readVarUint(decoder); // message type
    decoding.readVarUint(decoder); // sync step
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
  }
  return doc.getText("t").toString();
}

const types = (connection: { sent: Uint8Array[] }) =>
  connection.sent.map((m) => decoding.readVarUint(decoding.createDecoder(m)));

describe("Room", () => {
  it("refuses an update that would grow the document past its maximum size and leaves it unchanged", () => {
    const { room } = makeRoom(2_000);
    expect(() => room.applyClientUpdate(fakeConnection("alice00001"), typed("x".repeat(3_000), 1))).toThrow(
      /exceed/,
    );
    expect(room.doc.getText("t").length).toBe(0);
    room.destroy();
  });

  it("hands a change to storage, then relays it to the others but not to its author", () => {
    const { room, changes } = makeRoom();
    const [alice, bruno] = joined(room, "alice00001", "bruno00001");
    room.applyClientUpdate(alice, typed("olá", 11));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ newClientIds: [11], clocks: new Map([[11, 3]]) });
    expect(types(bruno)).toEqual([MessageType.sync]);
    expect(alice.sent).toHaveLength(0);
    room.destroy();
  });

  it("lets Yjs tidy up after a change before the change is stored and relayed", () => {
    const { room, changes } = makeRoom();
    const [alice, bruno] = joined(room, "alice00001", "bruno00001");
    const atCleanup: Array<[stored: number, relayed: number]> = [];
    room.doc.on("afterTransaction", () => atCleanup.push([changes.length, bruno.sent.length]));
    room.applyClientUpdate(alice, typed("olá", 11));
    expect(atCleanup).toEqual([[0, 0]]);
    expect([changes.length, bruno.sent.length]).toEqual([1, 1]);
    expect(room.doc.getText("t").toString()).toBe("olá");
    room.destroy();
  });

  it("relays a room's first change of a turn at once and merges the turn's later ones into one message", async () => {
    const { room, changes } = makeRoom();
    const [alice, bruno, chen] = joined(room, "alice00001", "bruno00001", "chen000001");
    const aliceDoc = new Y.Doc();
    aliceDoc.clientID = 41;
    const updates: Uint8Array[] = [];
    aliceDoc.on("update", (update: Uint8Array) => updates.push(update));
    for (const char of "abc") aliceDoc.getText("t").insert(aliceDoc.getText("t").length, char);
    for (const update of updates) room.applyClientUpdate(alice, update);
    expect(changes).toHaveLength(3); // each stored at once
    expect(bruno.sent).toHaveLength(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(bruno.sent).toHaveLength(2);
    expect(chen.sent).toHaveLength(2);
    expect(alice.sent).toHaveLength(0);
    expect(textOfSync(bruno.sent)).toBe("abc");
    room.destroy();
  });

  it("answers clients that have nothing with the whole document, never a stale copy of it", () => {
    const { room } = makeRoom();
    const [alice, late] = joined(room, "alice00001", "chen000001");
    const textOfAnswer = () => {
      room.answerSyncStep1(late, Y.encodeStateVector(new Y.Doc()));
      return textOfSync([late.sent.at(-1)!]);
    };
    room.applyClientUpdate(alice, typed("first", 51));
    expect(textOfAnswer()).toBe("first");
    expect(textOfAnswer()).toBe("first");
    room.applyClientUpdate(alice, typed(" second", 51, room.doc));
    expect(textOfAnswer()).toBe("first second");
    room.destroy();
  });

  it("relays nothing that storage refused, and serves nothing more until it is reloaded", () => {
    const { room, storage } = makeRoom();
    const [alice, bruno] = joined(room, "alice00001", "bruno00001");
    storage.failing = true;
    expect(() => room.applyClientUpdate(alice, typed("lost", 14))).toThrow(/could not be stored/);
    expect(bruno.sent).toHaveLength(0);
    expect(room.isBroken).toBe(true);
    expect(storage.broken).toBe(1); // the registry drops it and loads it again
    // Not even a sync answer: the doc holds a change that storage lacks.
    expect(() => room.answerSyncStep1(bruno, Y.encodeStateVector(new Y.Doc()))).toThrow(
      /could not be stored/,
    );
    expect(bruno.sent).toHaveLength(0);
    room.destroy();
  });

  it("never merges an update from a read-only connection, and tells it why", () => {
    const { room, changes } = makeRoom();
    const observer = fakeConnection("obs0000001", "read");
    room.add(observer);
    const before = Y.encodeStateAsUpdate(room.doc);
    room.applyClientUpdate(observer, typed("sneaky", 13));
    expect(changes).toHaveLength(0);
    expect(Y.encodeStateAsUpdate(room.doc)).toEqual(before);
    expect(types(observer)).toEqual([MessageType.refused]);
    room.destroy();
  });

  it("cuts out content under another participant's client id that the document does not hold", () => {
    const { room, changes } = makeRoom();
    const [alice, mallory] = joined(room, "alice00001", "mallory001");
    room.applyClientUpdate(alice, typed("mine", 21));
    changes.splice(0);
    const before = Y.encodeStateAsUpdate(room.doc);
    const forged = typed(" forged", 21, room.doc);
    room.applyClientUpdate(mallory, forged);
    expect(changes).toHaveLength(0);
    expect(Y.encodeStateAsUpdate(room.doc)).toEqual(before);
    expect(room.doc.getText("t").toString()).toBe("mine");
    expect(types(mallory)).toContain(MessageType.refused);
    room.destroy();
  });

  it("keeps the author's own content when a mixed update also forges someone else's", () => {
    const { room } = makeRoom();
    const [alice, mallory] = joined(room, "alice00001", "mallory001");
    room.applyClientUpdate(alice, typed("A", 31));
    const forged = typed("F", 31, room.doc);
    const own = typed("M", 32, room.doc);
    room.applyClientUpdate(mallory, Y.mergeUpdates([forged, own]));
    expect(room.doc.getText("t").toString()).toBe("AM");
    expect(room.bindings.get(32)).toBe("mallory001");
    expect(room.bindings.get(31)).toBe("alice00001");
    room.destroy();
  });

  it("shows every presence under the identity the server knows, and only for its own client ids", () => {
    const { room } = makeRoom();
    const [alice, mallory] = joined(room, "alice00001", "mallory001");
    const claim = (clientId: number, user: unknown) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarString(encoder, JSON.stringify({ user, cursor: null }));
      return encoding.toUint8Array(encoder);
    };
    room.presence.applyClient(alice, claim(41, { name: "Alice" }));
    room.presence.applyClient(mallory, claim(42, { name: "<img src=x onerror=alert(1)>", color: "red" }));
    room.presence.applyClient(mallory, claim(41, { name: "Fake Alice" }));
    const states = room.presence.awareness.getStates();
    expect(states.get(41)?.user).toEqual(alice.identity);
    expect(states.get(42)?.user).toEqual(mallory.identity);
    room.remove(mallory);
    expect(awarenessProtocol.encodeAwarenessUpdate(room.presence.awareness, [42])).toBeDefined();
    expect(room.presence.awareness.getStates().has(42)).toBe(false);
    expect(room.presence.awareness.getStates().has(41)).toBe(true);
    room.destroy();
  });
});
