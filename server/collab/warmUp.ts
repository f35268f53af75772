import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { MessageType } from "../../shared/protocol/messageTypes";
import { silentLogger } from "../log";
import type { Connection } from "./Connection";
import { handleMessage } from "./handleMessage";
import { Room } from "./Room";

/**
 * Takes a throwaway room through what a first client does (load, greet, sync, a change, presence)
 * before the server listens. A fresh process compiles Yjs and the room code lazily, and the first
 * client after a start or a deploy waited about 5 ms more for it. Nothing is stored, sent or logged.
 */
export function warmUpRoomCode(): void {
  const client = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  client.getXmlFragment("default").insert(0, [paragraph]);
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  text.insert(0, "warm", { bold: true });

  const room = new Room(
    "warm-up/warm-up",
    Number.POSITIVE_INFINITY,
    { store() {}, broken() {} },
    silentLogger,
  );
  const connection: Connection = {
    id: "warm-up",
    identity: { participantId: "warm-up", name: "", color: "#000000", delegationId: null },
    access: "write",
    awarenessIds: new Set(),
    send() {},
    sendFrame() {},
    close() {},
  };
  room.load({
    snapshot: Y.encodeStateAsUpdate(client),
    snapshotStateVector: Y.encodeStateVector(client),
    updates: [],
    bindings: new Map(),
  });
  room.add(connection);
  room.greet(connection);
  handleMessage(
    room,
    connection,
    frame(MessageType.sync, (e) => syncProtocol.writeSyncStep1(e, new Y.Doc())),
  );

  const before = Y.encodeStateVector(client);
  text.insert(4, " up");
  const change = Y.encodeStateAsUpdate(client, before);
  handleMessage(
    room,
    connection,
    frame(MessageType.sync, (e) => syncProtocol.writeUpdate(e, change)),
  );
  handleMessage(
    room,
    connection,
    frame(MessageType.sync, (e) => syncProtocol.writeSyncStep1(e, client)),
  );

  const presence = new awarenessProtocol.Awareness(client);
  presence.setLocalState({ user: { name: "", color: "#000000" } });
  const announced = awarenessProtocol.encodeAwarenessUpdate(presence, [client.clientID]);
  handleMessage(
    room,
    connection,
    frame(MessageType.awareness, (e) => encoding.writeVarUint8Array(e, announced)),
  );

  room.remove(connection);
  room.destroy();
  presence.destroy();
  client.destroy();
}

function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}
