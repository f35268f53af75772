import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { Room } from "../../../../server/collab/Room";
import { PermissionDeniedReason } from "../../../../shared/protocol/accessMessage";
import { MessageType } from "../../../../shared/protocol/messageTypes";
import { fakeConnection } from "./fakes";

const makeRoom = () => new Room("exchange0001/document0001", 1e9, { store() {}, broken() {} });

function typed(text: string, clientId: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  doc.getText("t").insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** Each message sent, as its type and, for an auth message, its permission-denied reason. */
function messages(connection: { sent: Uint8Array[] }): Array<number | string> {
  return connection.sent.map((message) => {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    if (type !== MessageType.auth) return type;
    expect(decoding.readVarUint(decoder)).toBe(0); // permission denied
    return decoding.readVarString(decoder);
  });
}

describe("Mutual's own messages", () => {
  it("greet only clients that asked for them: the access message is not sent to a stock client", () => {
    const room = makeRoom();
    const mutual = fakeConnection("mutual0001", "write", true);
    const stock = fakeConnection("stock00001", "write", false);
    room.greet(mutual);
    room.greet(stock);
    expect(messages(mutual)).toEqual([MessageType.access, MessageType.sync]);
    expect(messages(stock)).toEqual([MessageType.sync]);
    room.destroy();
  });

  it("tell a Mutual client of every refused update, and a stock client once, in the standard auth message", () => {
    const room = makeRoom();
    const mutual = fakeConnection("mutual0001", "read", true);
    const stock = fakeConnection("stock00001", "read", false);
    for (const [i, connection] of [mutual, stock].entries()) {
      room.add(connection);
      room.applyClientUpdate(connection, typed("sneaky", 10 + i));
      room.applyClientUpdate(connection, typed("again", 20 + i));
    }
    expect(messages(mutual)).toEqual([MessageType.refused, MessageType.refused]);
    expect(messages(stock)).toEqual([PermissionDeniedReason.readOnly]);
    expect(room.doc.getText("t").toString()).toBe("");
    room.destroy();
  });

  it("tell a stock client that forges another participant's client id, once for that reason", () => {
    const room = makeRoom();
    const alice = fakeConnection("alice00001");
    const mallory = fakeConnection("mallory001", "write", false);
    room.add(alice);
    room.add(mallory);
    room.applyClientUpdate(alice, typed("mine", 31));
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(room.doc));
    forged.clientID = 31; // after: Yjs gives a doc a new id when an update brings its own
    const before = Y.encodeStateVector(forged);
    forged.getText("t").insert(4, " forged");
    room.applyClientUpdate(mallory, Y.encodeStateAsUpdate(forged, before));
    room.applyClientUpdate(mallory, Y.encodeStateAsUpdate(forged, before));
    expect(messages(mallory).filter((m) => typeof m === "string")).toEqual([
      PermissionDeniedReason.foreignClient,
    ]);
    expect(room.doc.getText("t").toString()).toBe("mine");
    room.destroy();
  });
});
