import * as encoding from "lib0/encoding";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { CloseCode } from "../../shared/protocol/closeCodes";
import { createExchange } from "../support/api";
import { connectClient, seededRandom, waitFor } from "../support/collabClient";
import { firstSyncStep2 } from "../support/rawCollab";
import { scaleoutAvailable } from "../support/scaleout";
import { type Cluster, startCluster } from "../support/scaleoutCluster";
import type { RunningServer } from "../support/server";

const ready = await scaleoutAvailable("scale-out: malformed frames and first sync on two instances", [
  "postgres",
  "redis",
]);
const MAX_MESSAGE_BYTES = 4096;
const CONTENT = "Problem statement: 问题陈述 — declaração do problema";
const FUZZ_FRAMES = process.env.MUTUAL_LONG === "1" ? 600 : 60;

let cluster: Cluster | null = null;
afterEach(async () => {
  await cluster?.cleanup();
  cluster = null;
});

function message(build: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  build(encoder);
  return encoding.toUint8Array(encoder);
}

/** Sends one frame on a fresh socket to `server`; resolves with the close code, or -1 if it stayed open `acceptMs`. */
async function sendAndAwaitClose(
  server: RunningServer,
  room: string,
  cookie: string,
  payload: Uint8Array | string,
  acceptMs = 1500,
): Promise<number> {
  const socket = new WebSocket(`${server.wsUrl}/${room}`, {
    headers: { Origin: server.url, Cookie: cookie },
  });
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
  socket.send(payload, { binary: typeof payload !== "string" });
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([
    closed,
    new Promise<number>((resolve) => {
      timer = setTimeout(() => resolve(-1), acceptMs);
    }),
  ]);
  clearTimeout(timer);
  if (code === -1) {
    socket.close();
    await closed;
  }
  return code;
}

describe.skipIf(!ready)("two instances: malformed frames and the first sync after a restart", () => {
  it("a malformed frame on one instance closes only its own socket; the room goes on on both", async () => {
    cluster = await startCluster("malformed", 2, {
      MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES),
      WARNINGS_PER_MINUTE: "100000",
    });
    const [a, b] = cluster.instances as [RunningServer, RunningServer];
    const fx = await createExchange(a.url);
    const { room } = await fx.newDocument();
    const cookie = fx.facilitator.session.cookie!;
    const onB = connectClient(b.wsUrl, room, { cookie });
    let bystanderCloses = 0;
    await onB.synced();
    onB.provider.on("connection-close", () => bystanderCloses++);
    onB.text.insert(0, CONTENT);
    const cases: Array<[string, Uint8Array | string, number[]]> = [
      ["random bytes", new Uint8Array([5, 200, 17, 3]), [CloseCode.unknownMessage]],
      ["a truncated varint", new Uint8Array([0x80]), [CloseCode.malformedMessage]],
      [
        "a sync update with garbage",
        message((e) => {
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, 2);
          encoding.writeVarUint8Array(e, new Uint8Array([1, 9, 200, 200, 200, 1, 4]));
        }),
        [CloseCode.malformedMessage],
      ],
      ["an oversized frame", new Uint8Array(MAX_MESSAGE_BYTES + 100), [CloseCode.messageTooLarge]],
      ["a text frame", "hello", [CloseCode.malformedMessage]],
    ];
    for (const [name, payload, codes] of cases) {
      expect(codes, name).toContain(await sendAndAwaitClose(a, room, cookie, payload));
    }
    // Randomized frames (bit-flipped real updates, random tails): each closes its socket or is applied.
    const random = seededRandom(2026);
    const real = Y.encodeStateAsUpdate(onB.doc);
    const known = new Set<number>([...Object.values(CloseCode), 1002, 1009, -1]);
    for (let i = 0; i < FUZZ_FRAMES; i++) {
      const flipped = real.slice();
      for (let f = 0; f < 3; f++) flipped[Math.floor(random() * flipped.length)] = Math.floor(random() * 256);
      const frame = message((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(
          e,
          random() < 0.3 ? flipped.slice(0, Math.floor(random() * flipped.length)) : flipped,
        );
      });
      expect(known).toContain(await sendAndAwaitClose(a, room, cookie, frame, 200));
    }
    expect(cluster.logs().filter((line) => line.level === "error")).toEqual([]);
    // Both instances still serve the room, and an edit on A reaches B.
    const onA = connectClient(a.wsUrl, room, { cookie });
    await onA.synced();
    onA.text.insert(onA.text.length, " — end");
    await waitFor(() => onB.text.toString() === onA.text.toString(), "A and B converge");
    expect(onB.text.toString().startsWith(CONTENT)).toBe(true);
    expect(bystanderCloses).toBe(0);
    expect(onB.provider.wsconnected).toBe(true);
    for (const server of [a, b]) expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    onA.destroy();
    onB.destroy();
  }, 90_000);

  it("after both instances restart, either answers the first sync with the stored document, never an empty one first", async () => {
    cluster = await startCluster("restart", 2);
    const [a, b] = cluster.instances as [RunningServer, RunningServer];
    const fx = await createExchange(a.url);
    const { room } = await fx.newDocument();
    const cookie = fx.facilitator.session.cookie!;
    const writer = connectClient(b.wsUrl, room, { cookie, mutual: true });
    await writer.synced();
    writer.text.insert(0, "stored before the restart");
    await waitFor(() => writer.heard.saved.length > 0, "saved");
    writer.destroy();
    // Clients that seed an empty document once synced, spread over both: nobody seeds twice.
    const { room: fresh } = await fx.newDocument();
    const seed = connectClient(a.wsUrl, fresh, { cookie, mutual: true });
    await seed.synced();
    seed.text.insert(0, "Template heading");
    await waitFor(() => seed.heard.saved.length > 0, "seed saved");
    seed.destroy();
    await Promise.all([a.stop(), b.stop()]);

    const [c, d] = [await cluster.start(), await cluster.start()];
    for (const server of [d, c]) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await firstSyncStep2(server, room, cookie));
      expect(doc.getText("t").toString()).toBe("stored before the restart");
    }
    const clients = [c, d, c, d].map((server) => connectClient(server.wsUrl, fresh, { cookie }));
    await Promise.all(clients.map((client) => client.synced()));
    for (const client of clients) {
      if (client.text.length === 0) client.text.insert(0, "Template heading");
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const client of clients) expect(client.text.toString()).toBe("Template heading");
    for (const client of clients) client.destroy();
  }, 90_000);
});
