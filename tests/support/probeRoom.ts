import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import { MessageType } from "../../shared/protocol/messageTypes";
import { mutualClientParams } from "../../shared/protocol/mutualClient";

export type RoomProbe = { access: "read" | "write" } | { closed: number };

/** Opens a socket to a room with a cookie and reports the access the server grants, or its close code. */
export function probeRoom(
  baseUrl: string,
  room: string,
  cookie: string | null,
  origin = baseUrl,
): Promise<RoomProbe> {
  // Asks for Mutual's own messages: the access message is one of them.
  const query = new URLSearchParams(mutualClientParams());
  const socket = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/collab/${room}?${query}`, {
    headers: { Origin: origin, ...(cookie ? { Cookie: cookie } : {}) },
  });
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`no answer from ${room}`)), 5_000);
    socket.on("message", (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== MessageType.access) return;
      clearTimeout(timeout);
      resolve({ access: decoding.readVarUint(decoder) === 1 ? "write" : "read" });
      socket.close();
    });
    socket.on("close", (code) => {
      clearTimeout(timeout);
      resolve({ closed: code });
    });
    socket.on("error", () => {});
  });
}
