import { performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { newHistogram, record } from "./latency";
import type { LoadRequest, LoadResponse, LoadWorkerData, RunResult } from "./loadMessages";
import { EMPTY_STATE_VECTOR, isSyncStep2, syncStep1Frame, updatePayload } from "./protocol";
import { UpdateSequence } from "./updatePool";

/**
 * A load worker: the clients of the rooms it owns. Every client sends its pre-generated updates on a
 * schedule and receives everyone else's; since a room's senders and receivers share this thread, a
 * receipt is matched to its send time directly by (Yjs client id, clock).
 */
const { rooms, clientsPerRoom, charsPerUpdate } = workerData as LoadWorkerData;

interface Client {
  index: number;
  room: number;
  sequence: UpdateSequence;
  socket: WebSocket | null;
  /** Next update to send. */
  cursor: number;
  /** performance.now() at which update n was sent. */
  sendTimes: Float64Array;
  /** Per sender (by index), how many of its updates this client has received. */
  received: Int32Array;
  /** Which server it is connected to (0, or 1 for every other client when there is a second). */
  server: number;
}

const clients: Client[] = [];
for (let room = 0; room < rooms.length; room++) {
  for (let i = 0; i < clientsPerRoom; i++) {
    clients.push({
      index: clients.length,
      room,
      sequence: new UpdateSequence(charsPerUpdate),
      socket: null,
      cursor: 0,
      sendTimes: new Float64Array(1024),
      received: new Int32Array(rooms.length * clientsPerRoom),
      server: 0,
    });
  }
}
const byClientId = new Map(clients.map((client) => [client.sequence.clientId, client]));

// The measurement window: receipts of updates sent before `windowStart` are not counted.
let windowStart = Number.POSITIVE_INFINITY;
let counting = false;
let histogram = newHistogram();
let crossHistogram = newHistogram();
let delivered = 0;
let frames = 0;

function onFrame(receiver: Client, data: Buffer): void {
  const update = updatePayload(data);
  if (!update || update.length <= 2) return; // not an update, or an empty one
  const now = performance.now();
  const meta = Y.parseUpdateMeta(update);
  if (counting) frames++;
  for (const [clientId, from] of meta.from) {
    if (clientId === receiver.sequence.clientId) continue; // our own change (an echo or merged in)
    const sender = byClientId.get(clientId);
    if (!sender) continue;
    const to = meta.to.get(clientId) ?? from;
    const last = Math.min(Math.floor(to / charsPerUpdate), sender.cursor);
    let seq = Math.max(Math.floor(from / charsPerUpdate), receiver.received[sender.index]!);
    if (last <= seq) continue;
    receiver.received[sender.index] = last;
    for (; seq < last; seq++) {
      const sentAt = sender.sendTimes[seq]!;
      if (counting && sentAt >= windowStart) {
        record(histogram, now - sentAt);
        if (sender.server !== receiver.server) record(crossHistogram, now - sentAt);
        delivered++;
      }
    }
  }
}

function connect(
  urls: string[],
  headers: Record<string, string>,
  waitForStep2: boolean,
  second?: { urls: string[]; headers: Record<string, string> },
): Promise<void> {
  for (const client of clients) {
    client.cursor = 0;
    client.received.fill(0);
    client.server = second && client.index % 2 === 1 ? 1 : 0;
  }
  const hello = Buffer.from(syncStep1Frame(EMPTY_STATE_VECTOR));
  return new Promise((resolve, reject) => {
    let pending = clients.length;
    const timeout = setTimeout(() => reject(new Error(`${pending} clients not synced in 20 s`)), 20_000);
    const synced = () => {
      if (--pending === 0) {
        clearTimeout(timeout);
        resolve();
      }
    };
    for (const client of clients) {
      const target = client.server === 1 && second ? second : { urls, headers };
      const socket = new WebSocket(target.urls[client.room]!, {
        perMessageDeflate: false,
        headers: target.headers,
      });
      client.socket = socket;
      let isSynced = false;
      socket.on("open", () => {
        socket.send(hello);
        if (!waitForStep2) {
          isSynced = true;
          synced();
        }
      });
      socket.on("message", (data: Buffer) => {
        if (!isSynced && isSyncStep2(data)) {
          isSynced = true;
          synced();
        }
        onFrame(client, data);
      });
      socket.on("error", (error) => {
        if (!isSynced) reject(error);
      });
    }
  });
}

function prepare(updatesPerClient: number): void {
  for (const client of clients) {
    const needed = client.cursor + updatesPerClient;
    client.sequence.ensure(needed);
    if (client.sendTimes.length < needed) {
      const bigger = new Float64Array(Math.max(needed, client.sendTimes.length * 2));
      bigger.set(client.sendTimes);
      client.sendTimes = bigger;
    }
  }
  // Generating leaves tens of MB of garbage: collected now (the bench runs with --expose-gc), not by
  // a full collection in the middle of a later window, whichever server's it is.
  (globalThis as { gc?: () => void }).gc?.();
}

function run(rate: number, durationMs: number, drainMs: number): Promise<RunResult> {
  histogram = newHistogram();
  crossHistogram = newHistogram();
  delivered = 0;
  frames = 0;
  const planned = Math.round((rate * durationMs) / 1000);
  // The most sent in one tick (20 ms worth): a late tick catches up without starving the receivers.
  const perTickLimit = Math.max(20, Math.ceil(rate / 50));
  let sent = 0;
  let next = 0;
  const start = performance.now();
  windowStart = start;
  counting = true;
  const eluStart = performance.eventLoopUtilization();
  let sendMs = 0;
  let elu = 0;
  return new Promise((resolve) => {
    const finish = () => {
      counting = false;
      const expected = sent * (clientsPerRoom - 1);
      resolve({ planned, sent, expected, delivered, histogram, crossHistogram, frames, sendMs, elu });
    };
    const drain = (sendEnd: number) => {
      const expected = sent * (clientsPerRoom - 1);
      if (delivered >= expected || performance.now() - sendEnd >= drainMs) finish();
      else setTimeout(() => drain(sendEnd), 5);
    };
    const tick = () => {
      const now = performance.now();
      const elapsed = now - start;
      const due = Math.min(planned, Math.floor((rate * elapsed) / 1000));
      let budget = perTickLimit;
      while (sent < due && budget-- > 0) {
        const client = clients[next]!;
        next = (next + 1) % clients.length;
        if (client.cursor >= client.sequence.length) continue; // ran out of prepared updates
        const seq = client.cursor++;
        client.sendTimes[seq] = performance.now();
        client.socket!.send(client.sequence.frame(seq));
        sent++;
      }
      if (elapsed >= durationMs || sent >= planned) {
        sendMs = performance.now() - start;
        elu = performance.eventLoopUtilization(eluStart).utilization;
        drain(performance.now());
      } else setTimeout(tick, 1);
    };
    tick();
  });
}

function disconnect(): Promise<void> {
  return new Promise((resolve) => {
    let open = 0;
    const timeout = setTimeout(() => {
      for (const client of clients) client.socket?.terminate();
      resolve();
    }, 5_000);
    const closed = () => {
      if (--open === 0) {
        clearTimeout(timeout);
        resolve();
      }
    };
    for (const client of clients) {
      const socket = client.socket;
      client.socket = null;
      if (!socket || socket.readyState === WebSocket.CLOSED) continue;
      open++;
      socket.once("close", closed);
      socket.close();
    }
    if (open === 0) {
      clearTimeout(timeout);
      resolve();
    }
  });
}

async function handle(request: LoadRequest): Promise<unknown> {
  switch (request.cmd) {
    case "connect":
      return connect(request.urls, request.headers, request.waitForStep2, request.second);
    case "prepare":
      return prepare(request.updatesPerClient);
    case "run":
      return run(request.rate, request.durationMs, request.drainMs);
    case "disconnect":
      return disconnect();
  }
}

parentPort!.on("message", (request: LoadRequest) => {
  handle(request).then(
    (result) => {
      const response: LoadResponse = { id: request.id, ok: true, result };
      const transfer = result && typeof result === "object" && "histogram" in result;
      const run = result as RunResult;
      parentPort!.postMessage(
        response,
        transfer ? [run.histogram.buffer as ArrayBuffer, run.crossHistogram.buffer as ArrayBuffer] : [],
      );
    },
    (error: Error) =>
      parentPort!.postMessage({ id: request.id, ok: false, error: error.message } as LoadResponse),
  );
});
