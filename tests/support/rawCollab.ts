import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import { MessageType, SyncStep } from "../../shared/protocol/messageTypes";

/** A bare y-websocket connection for sending hand-made messages; records every frame it gets. */
export async function openCollabSocket(baseUrl: string, room: string, cookie: string | null) {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/collab/${room}`, {
    headers: { Origin: baseUrl, ...(cookie ? { Cookie: cookie } : {}) },
  });
  const received: Uint8Array[] = [];
  socket.on("message", (data: Buffer) => received.push(new Uint8Array(data)));
  const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  return { socket, received, closed };
}

/** A sync message: step 1 (state vector), step 2 or update (an update). */
export function syncMessage(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export { SyncStep };
