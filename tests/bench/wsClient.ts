import { WebSocket } from "ws";
import { EMPTY_STATE_VECTOR, isSyncStep2, syncStep1Frame } from "./protocol";

export interface SyncedSocket {
  socket: WebSocket;
  /** The server's answer to our sync step 1 (null when not waited for). */
  step2: Buffer | null;
  /** From `new WebSocket` to the step 2 (or to open). */
  ms: number;
}

/**
 * Opens a socket, sends sync step 1 with `stateVector` and, when `waitForStep2`, resolves once the
 * server's sync step 2 has fully arrived. Rejects after `timeoutMs`.
 */
export function openSynced(
  url: string,
  options: {
    waitForStep2: boolean;
    headers: Record<string, string>;
    stateVector?: Uint8Array;
    timeoutMs?: number;
  },
): Promise<SyncedSocket> {
  const hello = syncStep1Frame(options.stateVector ?? EMPTY_STATE_VECTOR);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, {
      perMessageDeflate: false,
      maxPayload: 256 * 1024 * 1024,
      headers: options.headers,
    });
    const timeout = setTimeout(() => {
      socket.terminate();
      reject(new Error(`no sync from ${url} in ${options.timeoutMs ?? 15_000} ms`));
    }, options.timeoutMs ?? 15_000);
    const done = (step2: Buffer | null) => {
      clearTimeout(timeout);
      resolve({ socket, step2, ms: performance.now() - started });
    };
    socket.on("open", () => {
      socket.send(hello);
      if (!options.waitForStep2) done(null);
    });
    const onMessage = (data: Buffer) => {
      if (!isSyncStep2(data)) return;
      socket.off("message", onMessage);
      done(data);
    };
    if (options.waitForStep2) socket.on("message", onMessage);
    socket.on("error", (error) => {
      clearTimeout(timeout);
      reject(error);
    });
  });
}

/** Closes sockets and waits (bounded) until they are closed. */
export async function closeAll(sockets: WebSocket[], timeoutMs = 5_000): Promise<void> {
  await Promise.race([
    Promise.all(
      sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === WebSocket.CLOSED) return resolve();
            socket.once("close", () => resolve());
            socket.close();
          }),
      ),
    ),
    new Promise<void>((resolve) => setTimeout(resolve, timeoutMs)),
  ]);
  for (const socket of sockets) if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
