import type { AddressInfo } from "node:net";
import * as encoding from "lib0/encoding";
import { WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { MessageType, SyncStep } from "../../shared/protocol/messageTypes";
import { COLLAB_PATH } from "../../shared/protocol/roomName";
import { syncMessage } from "../../shared/protocol/syncMessage";
import { silentLogger } from "../log";
import type { Authorization } from "./authorizeConnection";
import { Room } from "./Room";
import type { RoomRegistry } from "./roomRegistry";

/*
 * A fresh process compiles the HTTP upgrade, the WebSocket handshake, the socket path, Yjs and the room
 * code lazily, and the first client after a start or a deploy waited 2-5 ms more for it. So before
 * the server reports itself listening, it connects to itself once over loopback and does what a first
 * client does (greeting, sync, a change, presence, close) in a throwaway room. The endpoint knows that
 * connection by a per-process token, good for one use; nothing of it is stored or logged.
 */

/** The request header carrying the warm-up token. */
export const WARM_UP_HEADER = "x-mutual-warm-up";

/** Not a valid room name (ids are 8-32 characters), so never a real document's. */
export const WARM_UP_ROOM = "warm-up/warm-up";

export const WARM_UP_GRANT: Authorization = {
  ok: true,
  access: "write",
  identity: { participantId: "warm-up", name: "", color: "#000000", delegation: null },
};

/** Where the warm-up connection's room comes from: a small "stored" document, outside the registry. */
export const throwawayRooms: Pick<RoomRegistry, "join" | "leave"> = {
  async join(name, connection) {
    const stored = new Y.Doc();
    stored.getXmlFragment("default").insert(0, [new Y.XmlElement("paragraph")]);
    const room = new Room(name, Number.POSITIVE_INFINITY, { store() {}, broken() {} }, silentLogger);
    room.load({
      snapshot: Y.encodeStateAsUpdate(stored),
      snapshotStateVector: Y.encodeStateVector(stored),
      updates: [],
      bindings: new Map(),
    });
    stored.destroy();
    room.add(connection);
    return room;
  },
  leave(room, connection) {
    room.remove(connection);
    room.destroy();
  },
};

/**
 * Connects to the server listening at `address` as the warm-up client and resolves true once the whole
 * exchange is done and the socket closed; false if it failed or took longer than `timeoutMs` (start-up
 * goes on either way).
 */
export function warmUpConnection(address: AddressInfo, token: string, timeoutMs = 2_000): Promise<boolean> {
  const url = `ws://${loopbackHost(address)}:${address.port}${COLLAB_PATH}/${WARM_UP_ROOM}`;
  return new Promise((resolve) => {
    let answers = 0;
    let ok = false;
    const socket = new WebSocket(url, { headers: { [WARM_UP_HEADER]: token }, perMessageDeflate: false });
    const timeout = setTimeout(() => socket.terminate(), timeoutMs);
    socket.on("open", () => {
      for (const message of firstClientMessages()) socket.send(message);
    });
    socket.on("message", (data: Buffer) => {
      // Two step 2 answers: the second one comes after the change and the presence were handled.
      if (data[0] === MessageType.sync && data[1] === SyncStep.step2 && ++answers === 2) {
        ok = true;
        socket.close();
      }
    });
    socket.on("error", () => {}); // "close" follows
    socket.on("close", () => {
      clearTimeout(timeout);
      resolve(ok);
    });
  });
}

/** Where a process reaches its own listening socket (a wildcard address is not connectable). */
function loopbackHost({ address, family }: AddressInfo): string {
  if (address === "0.0.0.0") return "127.0.0.1";
  if (address === "::") return "[::1]";
  return family === "IPv6" ? `[${address}]` : address;
}

/** Sync step 1, a formatted change, presence, then step 1 again: a first client's opening messages. */
function firstClientMessages(): Uint8Array[] {
  const client = new Y.Doc();
  const empty = Y.encodeStateVector(client);
  const paragraph = new Y.XmlElement("paragraph");
  client.getXmlFragment("default").insert(0, [paragraph]);
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  text.insert(0, "warm", { bold: true });

  const presence = new awarenessProtocol.Awareness(client);
  presence.setLocalState({ user: { name: "", color: "#000000" } });
  const announce = encoding.createEncoder();
  encoding.writeVarUint(announce, MessageType.awareness);
  encoding.writeVarUint8Array(announce, awarenessProtocol.encodeAwarenessUpdate(presence, [client.clientID]));
  const messages = [
    syncMessage(SyncStep.step1, empty),
    syncMessage(SyncStep.update, Y.encodeStateAsUpdate(client, empty)),
    encoding.toUint8Array(announce),
    syncMessage(SyncStep.step1, Y.encodeStateVector(client)),
  ];
  presence.destroy();
  client.destroy();
  return messages;
}
