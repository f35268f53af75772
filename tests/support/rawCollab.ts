import WebSocket from "ws";
import { SyncStep } from "../../shared/protocol/messageTypes";
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

export { SyncStep, syncMessage };
