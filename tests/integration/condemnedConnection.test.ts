import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CloseCode } from "../../shared/protocol/closeCodes";
import { MessageType, SyncStep } from "../../shared/protocol/messageTypes";
import { syncMessage } from "../../shared/protocol/syncMessage";
import { createExchange, type ExchangeFixture } from "../support/api";
import { type CollabClient, connectClient, waitFor } from "../support/collabClient";
import { clientFrame, openRawWebSocket, type RawWebSocket } from "../support/rawWebSocket";
import { type RunningServer, startServer } from "../support/server";

let server: RunningServer;
let exchange: ExchangeFixture;
let headers: Record<string, string>;
beforeAll(async () => {
  server = await startServer();
  exchange = await createExchange(server.url);
  headers = { Origin: server.url, Cookie: exchange.facilitator.session.cookie! };
});
afterAll(async () => {
  await server.stop();
});

const frame = (message: Uint8Array) => clientFrame(0x82, message);
/** A sync update whose length runs past the end of the frame: the server closes with 4410. */
const TRUNCATED = frame(new Uint8Array([MessageType.sync, SyncStep.update, 100, 1, 2, 3]));
/** A valid change from a client of its own: merged anywhere it is applied. */
function injected(): Buffer {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, "INJECTED ");
  return frame(syncMessage(SyncStep.update, Y.encodeStateAsUpdate(doc)));
}

/** A writer and a watcher in a new room, both holding `text` (so the server holds it too). */
async function roomWith(text: string) {
  const { room } = await exchange.newDocument();
  const cookie = exchange.facilitator.session.cookie;
  const writer = connectClient(server.wsUrl, room, { cookie });
  const watcher = connectClient(server.wsUrl, room, { cookie });
  await Promise.all([writer.synced(), watcher.synced()]);
  writer.text.insert(0, text);
  await waitFor(() => watcher.text.toString() === text, "the watcher has the text");
  return { room, writer, watcher };
}

/** The room's text as a new client gets it from the server. */
async function textOnServer(target: RunningServer, room: string): Promise<string> {
  const reader = connectClient(target.wsUrl, room, { cookie: exchange.facilitator.session.cookie });
  await reader.synced();
  const text = reader.text.toString();
  reader.destroy();
  return text;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe("a connection closed for a malformed frame", () => {
  const rooms: string[] = [];
  const clients: CollabClient[] = [];
  afterAll(() => {
    for (const client of clients) client.destroy();
  });

  it.each([
    ["once the server has greeted it", true],
    ["while it is still being authorized", false],
  ])(
    "has a valid update written right behind the frame, in the same TCP write, applied nowhere: %s",
    async (_when, greeted) => {
      const { room, writer, watcher } = await roomWith("Agenda");
      rooms.push(room);
      clients.push(writer, watcher);
      // Three times over: the issue saw it merged 3 times out of 3.
      for (let attempt = 0; attempt < 3; attempt++) {
        const raw: RawWebSocket = await openRawWebSocket(server.port, `/collab/${room}`, headers);
        if (greeted) await waitFor(() => raw.received.length > 0, "the server's greeting");
        raw.write(Buffer.concat([TRUNCATED, injected()]));
        expect(await raw.closed).toBe(CloseCode.malformedMessage);
        raw.destroy();
      }
      await settle();
      writer.text.insert(6, ".");
      await waitFor(() => watcher.text.toString() === "Agenda.", "a later edit went through");
      expect(await textOnServer(server, room)).toBe("Agenda.");
    },
  );

  it("stores none of those updates: the documents are the same after a restart", async () => {
    await server.stop();
    // On the same port: the exchange's API session and cookie were made for it.
    server = await startServer({ dataDir: server.dataDir, port: server.port });
    for (const room of rooms) expect(await textOnServer(server, room)).toBe("Agenda.");
  });

  it("produces exactly one log line when it sends garbage, with the count of frames dropped", async () => {
    const { room, writer, watcher } = await roomWith("Reflections");
    const before = server.output.length;
    const raw = await openRawWebSocket(server.port, `/collab/${room}`, headers);
    await waitFor(() => raw.received.length > 0, "the server's greeting");
    const garbage = frame(new Uint8Array([42, 0, 1, 2, 3]));
    raw.write(Buffer.concat(Array.from({ length: 309 }, () => garbage)));
    expect(await raw.closed).toBe(CloseCode.unknownMessage);
    raw.write(Buffer.concat([garbage, TRUNCATED, garbage]));
    await settle();
    raw.destroy();
    await waitFor(() => server.output.length > before, "the connection's line");
    await settle();
    const lines = server.output.slice(before);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: "warn",
      event: "connection.close",
      room,
      code: CloseCode.unknownMessage,
      dropped: 311,
    });
    writer.destroy();
    watcher.destroy();
  });
});

describe("warnings about connections", () => {
  it("are rate-limited per remote address (WARNINGS_PER_MINUTE)", async () => {
    const limited = await startServer({ env: { WARNINGS_PER_MINUTE: "2" } });
    try {
      const { room } = await exchange.newDocument();
      // Five sockets without a session: each is refused (4401) and would be worth a warning.
      for (let i = 0; i < 5; i++) {
        const raw = await openRawWebSocket(limited.port, `/collab/${room}`, { Origin: limited.url });
        expect(await raw.closed).toBe(CloseCode.unauthorized);
        raw.destroy();
      }
      await settle();
      const warnings = limited.logs.filter((line) => line.level === "warn");
      expect(warnings).toHaveLength(2);
      expect(warnings.every((line) => line.event === "connection.close")).toBe(true);
    } finally {
      await limited.stop();
    }
  });
});
