import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { CloseCode } from "../../shared/protocol/closeCodes";
import { createExchange } from "../support/api";
import { serverBackends } from "../support/backends";
import { type CollabClient, connectClient, seededRandom } from "../support/collabClient";
import { clientFrame, openRawWebSocket } from "../support/rawWebSocket";
import { type RunningServer, startServer } from "../support/server";

const MAX_MESSAGE_BYTES = 4096;
// Every refused socket is logged here (the rate limit per address has tests of its own).
const SERVER_ENV = { MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES), WARNINGS_PER_MINUTE: "100000" };
// Randomized frames (valid prefixes, random tails, bit-flipped real updates); --long sends ten times more.
const FUZZ_FRAMES = process.env.MUTUAL_LONG === "1" ? 600 : 60;
let server: RunningServer;
let bystander: CollabClient;
let bystanderCloses = 0;
let bystanderRoom: string;
let targetRoom: string;
let fuzzRoom: string;
let headers: Record<string, string>;
const CONTENT = "Problem statement: 问题陈述 — declaração do problema";

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
/** What sendAndAwaitClose reports when the server kept the socket open (it accepted the frame). */
const ACCEPTED = -1;

/** Sends one frame on a fresh socket; resolves with the server's close code, or ACCEPTED after `acceptMs`. */
async function sendAndAwaitClose(
  payload: Uint8Array | string,
  room = targetRoom,
  acceptMs?: number,
): Promise<number> {
  const socket = new WebSocket(`${server.wsUrl}/${room}`, { headers });
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
  socket.send(payload, { binary: typeof payload !== "string" });
  if (acceptMs === undefined) return closed;
  let timer: NodeJS.Timeout | undefined;
  const kept = new Promise<number>((resolve) => {
    timer = setTimeout(() => resolve(ACCEPTED), acceptMs);
  });
  const code = await Promise.race([closed, kept]);
  clearTimeout(timer);
  if (code === ACCEPTED) {
    socket.close();
    await closed;
  }
  return code;
}

/** A real update (text and formatting from another client) to mutate. */
const realUpdate = (() => {
  const doc = new Y.Doc();
  const text = doc.getText("content");
  text.insert(0, CONTENT);
  text.format(3, 5, { bold: true });
  text.delete(10, 4);
  return Y.encodeStateAsUpdate(doc);
})();

/** One random frame: a known message prefix with a random or bit-flipped tail, or bytes from nowhere. */
function randomFrame(random: () => number): Uint8Array {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const noise = (length: number) => new Uint8Array(length).map(() => Math.floor(random() * 256));
  const flipped = (source: Uint8Array) => {
    const copy = source.slice();
    for (let i = 0, flips = 1 + Math.floor(random() * 4); i < flips; i++) {
      copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
    }
    return random() < 0.3 ? copy.slice(0, Math.floor(random() * copy.length)) : copy;
  };
  const kind = pick(["syncStep1", "syncStep2", "update", "awareness", "raw"] as const);
  if (kind === "raw") return noise(Math.floor(random() * 64));
  return message((e) => {
    if (kind === "awareness") {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, noise(Math.floor(random() * 48)));
      return;
    }
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, kind === "syncStep1" ? 0 : kind === "syncStep2" ? 1 : 2);
    encoding.writeVarUint8Array(
      e,
      kind === "syncStep1" ? noise(Math.floor(random() * 16)) : flipped(realUpdate),
    );
  });
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

for (const backend of await serverBackends("malformed messages")) {
  describe.skipIf(!backend.ready)(`malformed messages close only their own socket (${backend.name})`, () => {
    /** The storage of this backend's server, found again by the restarted one. */
    let storageEnv: Record<string, string> = {};
    beforeAll(async () => {
      storageEnv = await backend.freshEnv();
      bystanderCloses = 0;
      server = await startServer({ env: { ...SERVER_ENV, ...storageEnv } });
      expect(server.logs.find((line) => line.event === "listening")?.storage).toBe(backend.storage);
      const exchange = await createExchange(server.url);
      bystanderRoom = (await exchange.newDocument()).room;
      targetRoom = (await exchange.newDocument()).room;
      fuzzRoom = (await exchange.newDocument()).room;
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

    it(`survives ${FUZZ_FRAMES} randomized frames: each valid one is applied, each invalid one closes its socket with a protocol code`, async () => {
      const random = seededRandom(2026);
      const known = new Set<number>([...Object.values(CloseCode), 1002, 1009]);
      const frames = Array.from({ length: FUZZ_FRAMES }, () => randomFrame(random));
      const codes: number[] = [];
      // A few sockets at a time; a frame the server accepts leaves its socket open: we close it ourselves.
      for (let first = 0; first < frames.length; first += 10) {
        const batch = frames.slice(first, first + 10).map((frame) => sendAndAwaitClose(frame, fuzzRoom, 300));
        codes.push(...(await Promise.all(batch)));
      }
      for (const code of codes) if (code !== ACCEPTED) expect(known).toContain(code);
      expect(server.logs.filter((line) => line.level === "error")).toEqual([]);
      // The room still loads for a reader, whatever the accepted frames put in it.
      const reader = connectClient(server.wsUrl, fuzzRoom, { cookie: headers.Cookie! });
      await reader.synced();
      reader.destroy();
    });

    it("closes a socket whose room name is not two ids", async () => {
      const raw = await openRawWebSocket(server.port, "/collab/..%2F..%2Fetc/passwd", headers);
      expect(await raw.closed).toBe(CloseCode.invalidRoom);
      raw.destroy();
    });

    it("logs one warning per refused connection with room, code and reason", () => {
      const refused = server.logs.filter(
        (l) => l.event === "connection.close" && l.level === "warn" && l.room === targetRoom,
      );
      expect(refused.length).toBeGreaterThanOrEqual(appLevel.length);
      for (const line of refused) {
        expect(line.reason).toEqual(expect.any(String));
        expect(line.code).toEqual(expect.any(Number));
      }
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
        env: { ...SERVER_ENV, ...storageEnv },
      });
      const reader = connectClient(server.wsUrl, targetRoom, { cookie: headers.Cookie! });
      await reader.synced();
      expect(reader.text.toString()).toBe(CONTENT);
      reader.destroy();
    });
  });
}
