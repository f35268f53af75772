import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { MessageType, SyncStep } from "../../shared/protocol/messageTypes";
import { mutualClientParams } from "../../shared/protocol/mutualClient";
import { syncMessage } from "../../shared/protocol/syncMessage";

/**
 * A bare y-websocket connection for sending hand-made messages; records every frame it gets. It asks
 * for Mutual's own messages as the Mutual client does, unless `mutual` is false (a stock client).
 */
export async function openCollabSocket(
  baseUrl: string,
  room: string,
  cookie: string | null,
  { mutual = true }: { mutual?: boolean } = {},
) {
  const query = mutual ? `?${new URLSearchParams(mutualClientParams())}` : "";
  const socket = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/collab/${room}${query}`, {
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

/**
 * Opens a stock client's socket, sends sync step 1 with an empty state vector and returns the first
 * step-2 update: what a new client is first told the document is.
 */
export async function firstSyncStep2(
  server: { url: string; wsUrl: string },
  room: string,
  cookie: string | null,
): Promise<Uint8Array> {
  const socket = new WebSocket(`${server.wsUrl}/${room}`, {
    headers: { Origin: server.url, Cookie: cookie ?? "" },
  });
  socket.binaryType = "nodebuffer";
  try {
    return await new Promise<Uint8Array>((resolve, reject) => {
      socket.on("error", reject);
      socket.on("open", () => socket.send(syncMessage(SyncStep.step1, Y.encodeStateVector(new Y.Doc()))));
      socket.on("message", (data: Buffer) => {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        if (decoding.readVarUint(decoder) !== MessageType.sync) return;
        if (decoding.readVarUint(decoder) !== SyncStep.step2) return;
        resolve(decoding.readVarUint8Array(decoder));
      });
    });
  } finally {
    socket.close();
  }
}

export { SyncStep, syncMessage };
