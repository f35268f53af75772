import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { Room } from "../../../../server/collab/Room";
import { MessageType, SyncStep } from "../../../../shared/protocol/messageTypes";
import { fakeConnection } from "./fakes";

/** A room on storage whose durability the test decides (PostgreSQL's group commit: see groupCommit.ts). */
function roomAwaitingCommit() {
  let commit: { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } | null = null;
  let broken = 0;
  const room = new Room("exchange0001/document0001", 1e9, {
    store() {
      if (commit) return;
      let resolve = () => {};
      let reject: (error: Error) => void = () => {};
      const promise = new Promise<void>((yes, no) => {
        resolve = yes;
        reject = no;
      });
      commit = { promise, resolve, reject };
    },
    whenDurable: () => commit?.promise ?? null,
    broken: () => broken++,
  });
  const settle = async (error?: Error) => {
    const pending = commit!;
    commit = null;
    if (error) pending.reject(error);
    else pending.resolve();
    await pending.promise.catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { room, settle, broken: () => broken };
}

function typed(text: string, clientId: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  doc.getText("t").insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** The sync messages (step 2 or update) a connection was sent. */
const syncMessages = (connection: { sent: Uint8Array[] }) =>
  connection.sent.filter(
    (message) => decoding.readVarUint(decoding.createDecoder(message)) === MessageType.sync,
  );

function textOf(messages: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const message of messages) {
    const decoder = decoding.createDecoder(message);
    decoding.readVarUint(decoder);
    const step = decoding.readVarUint(decoder);
    if (step === SyncStep.step1) continue;
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
  }
  return doc.getText("t").toString();
}

describe("Room on storage that commits later (PostgreSQL)", () => {
  it("relays a change, and answers a first sync with it, only once it is committed", async () => {
    const { room, settle } = roomAwaitingCommit();
    const author = fakeConnection("alice00001");
    const peer = fakeConnection("bruno00001");
    const joiner = fakeConnection("carla00001");
    room.add(author);
    room.add(peer);
    room.add(joiner);
    room.applyClientUpdate(author, typed("uncommitted", 101));
    room.answerSyncStep1(joiner, Y.encodeStateVector(new Y.Doc()));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(syncMessages(peer)).toEqual([]);
    expect(syncMessages(joiner)).toEqual([]);

    await settle();
    expect(textOf(syncMessages(peer))).toBe("uncommitted");
    expect(textOf(syncMessages(joiner))).toBe("uncommitted");
    expect(syncMessages(author)).toEqual([]);
  });

  it("relays nothing of a change whose commit failed, and answers no first sync held behind it", async () => {
    const { room, settle, broken } = roomAwaitingCommit();
    const author = fakeConnection("alice00001");
    const peer = fakeConnection("bruno00001");
    room.add(author);
    room.add(peer);
    room.applyClientUpdate(author, typed("lost", 101));
    room.answerSyncStep1(peer, Y.encodeStateVector(new Y.Doc()));
    room.failedToStore(new Error("commit failed"));
    await settle(new Error("commit failed"));
    expect(syncMessages(peer)).toEqual([]);
    expect(room.isBroken).toBe(true);
    // Broken means dropped unsaved: storage was told once, and the room takes nothing more.
    expect(broken()).toBe(1);
    expect(() => room.applyClientUpdate(peer, typed("after", 102))).toThrow(/could not be stored/);
  });
});
