import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { CloseCode } from "../../shared/protocol/closeCodes";
import { createExchange } from "../support/api";
import { type CollabClient, connectClient, seededRandom } from "../support/collabClient";
import { clientFrame, openRawWebSocket } from "../support/rawWebSocket";
import { type RunningServer, startServer } from "../support/server";

const MAX_MESSAGE_BYTES = 4096;
let server: RunningServer;
let bystander: CollabClient;
let bystanderCloses = 0;
let bystanderRoom: string;
let targetRoom: string;
let headers: Record<string, string>;
const CONTENT = "Problem statement: 问题陈述 — declaração do problema";

beforeAll(async () => {
  server = await startServer({ env: { MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) } });
  const exchange = await createExchange(server.url);
  bystanderRoom = (await exchange.newDocument()).room;
  targetRoom = (await exchange.newDocument()).room;
  const cookie = exchange.facilitator.session.cookie!;
  headers = { Origin: server.url, Cookie: cookie };
  bystander = connectClient(server.wsUrl, bystanderRoom, { cookie });
  await bystander.synced();
  bystander.text.insert(0, CONTENT);
  bystander.provider.on("connection-close", () => bystanderCloses++);
  const target = connectClient(server.wsUrl, targetRoom, { cookie });
  await target.synced();
  target.text.insert(0, CONTENT);
  await new Promise((resolve) => setTimeout(resolve, 300));
  target.destroy();
});
afterAll(async () => {
  bystander.destroy();
  await server.stop();
});

const bytes = (...values: number[]) => new Uint8Array(values);
function message(build: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  build(encoder);
  return encoding.toUint8Array(encoder);
}
const random = seededRandom(7);
const randomPayload = new Uint8Array(200).map(() => Math.floor(random() * 256));
// A first byte of 0x05 makes sure the random bytes do not start with a known message type.
randomPayload[0] = 0x05;

/** Sends one application-level message through a well-behaved WebSocket and resolves with the close code. */
async function sendAndAwaitClose(payload: Uint8Array | string): Promise<number> {
  const socket = new WebSocket(`${server.wsUrl}/${targetRoom}`, { headers });
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
  socket.send(payload, { binary: typeof payload !== "string" });
  return closed;
}

const appLevel: Array<[string, Uint8Array | string, number[]]> = [
  ["random bytes", randomPayload, [CloseCode.unknownMessage]],
  ["a truncated varint", bytes(0x80), [CloseCode.malformedMessage]],
  ["an empty frame", bytes(), [CloseCode.malformedMessage]],
  ["an unknown message type", bytes(42), [CloseCode.unknownMessage]],
  ["an unknown sync step", bytes(0, 9, 0), [CloseCode.unknownMessage]],
  ["a length past the end of the frame", bytes(0, 2, 100, 1, 2, 3), [CloseCode.malformedMessage]],
  [
    "a garbage update",
    message((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, randomPayload);
    }),
    [CloseCode.malformedMessage],
  ],
  [
    "a garbage state vector",
    message((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, bytes(5, 0xff, 0xff));
    }),
    [CloseCode.malformedMessage],
  ],
  [
    "garbage awareness",
    message((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, bytes(1, 7, 1, 3, 0x7b, 0x7b, 0x7b));
    }),
    [CloseCode.malformedMessage],
  ],
  ["an oversized frame", new Uint8Array(MAX_MESSAGE_BYTES + 100), [CloseCode.messageTooLarge]],
  ["a far oversized frame", new Uint8Array(MAX_MESSAGE_BYTES * 3), [1009]],
  ["a text frame", "hello", [CloseCode.malformedMessage]],
];

describe("malformed messages close only their own socket", () => {
  it.each(appLevel)("%s", async (_name, payload, codes) => {
    expect(codes).toContain(await sendAndAwaitClose(payload));
  });

  it.each([
    ["reserved bits set", clientFrame(0x80 | 0x40 | 0x2, bytes(0, 0, 0)), 1002],
    ["an unknown opcode", clientFrame(0x80 | 0x3, bytes(1, 2, 3)), 1002],
    ["a declared length of 2^40", clientFrame(0x80 | 0x2, bytes(1, 2, 3), 2 ** 40), 1009],
  ])("WebSocket-level garbage: %s", async (_name, frame, code) => {
    const raw = await openRawWebSocket(server.port, `/collab/${targetRoom}`, headers);
    raw.write(frame);
    expect(await raw.closed).toBe(code);
    raw.destroy();
  });

  it("closes a socket whose room name is not two ids", async () => {
    const raw = await openRawWebSocket(server.port, "/collab/..%2F..%2Fetc/passwd", headers);
    expect(await raw.closed).toBe(CloseCode.invalidRoom);
    raw.destroy();
  });

  it("logs one line per refused connection with room and reason", () => {
    const refused = server.logs.filter((l) => l.event === "connection.error" && l.room === targetRoom);
    expect(refused.length).toBeGreaterThanOrEqual(appLevel.length);
    for (const line of refused) expect(line.reason).toEqual(expect.any(String));
  });

  it("leaves the server up, the other room connected and both documents intact", async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(bystanderCloses).toBe(0);
    expect(bystander.provider.wsconnected).toBe(true);
    for (const room of [bystanderRoom, targetRoom]) {
      const reader = connectClient(server.wsUrl, room, { cookie: headers.Cookie! });
      await reader.synced();
      expect(reader.text.toString()).toBe(CONTENT);
      reader.destroy();
    }
  });

  it("stored documents survive a restart unchanged after the battery", async () => {
    await server.stop();
    server = await startServer({
      dataDir: server.dataDir,
      env: { MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) },
    });
    const reader = connectClient(server.wsUrl, targetRoom, { cookie: headers.Cookie! });
    await reader.synced();
    expect(reader.text.toString()).toBe(CONTENT);
    reader.destroy();
  });
});
