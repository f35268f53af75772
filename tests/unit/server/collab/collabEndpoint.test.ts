import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Authorization } from "../../../../server/collab/authorizeConnection";
import type { Connection } from "../../../../server/collab/Connection";
import { type CollabEndpoint, createCollabEndpoint } from "../../../../server/collab/collabEndpoint";
import { type ClientChange, Room } from "../../../../server/collab/Room";
import type { RoomRegistry } from "../../../../server/collab/roomRegistry";
import { createWarningLimiter } from "../../../../server/collab/warningLimiter";
import { CloseCode } from "../../../../shared/protocol/closeCodes";
import { MessageType, SyncStep } from "../../../../shared/protocol/messageTypes";
import { syncMessage } from "../../../../shared/protocol/syncMessage";
import { DEFAULT_LIMITS } from "../../../../shared/validation/limits";
import { waitFor } from "../../../support/collabClient";
import { clientFrame, openRawWebSocket, type RawWebSocket } from "../../../support/rawWebSocket";
import { fakeConnection } from "./fakes";

const ROOM = "exchange0001/document0001";
const GRANTED: Authorization = {
  ok: true,
  access: "write",
  identity: { participantId: "mallory001", name: "Mallory", color: "#0f766e", delegation: null },
};

let http: Server;
let endpoint: CollabEndpoint;
let port: number;
let room: Room;
let stored: ClientChange[];
let bystander: ReturnType<typeof fakeConnection>;
let lines: Array<{ level: string; event: string; fields: Record<string, unknown> }>;
/** Authorization waits for this while set (frames then arrive before the connection is open). */
let authorizing: Promise<void> | null;

beforeEach(async () => {
  stored = [];
  lines = [];
  authorizing = null;
  room = new Room(ROOM, 1e9, { store: (change) => void stored.push(change), broken() {} });
  bystander = fakeConnection("bystander1");
  room.add(bystander);
  const registry: RoomRegistry = {
    join: async (_name, connection: Connection) => {
      room.add(connection);
      return room;
    },
    leave: (joined, connection) => joined.remove(connection),
    size: 1,
    flushAll: async () => {},
    flushWrites: async () => {},
  };
  const record =
    (level: string) =>
    (event: string, fields: Record<string, unknown> = {}) =>
      void lines.push({ level, event, fields });
  endpoint = createCollabEndpoint({
    registry,
    limits: DEFAULT_LIMITS,
    log: { info: record("info"), warn: record("warn"), error: record("error") },
    authorize: async () => {
      await authorizing;
      return GRANTED;
    },
    warnings: createWarningLimiter({ perWindow: 2, windowMs: 60_000, maxAddresses: 10 }),
  });
  http = createServer();
  http.on("upgrade", (request, socket, head) => {
    if (!endpoint.handleUpgrade(request, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  port = (http.address() as AddressInfo).port;
});

afterEach(async () => {
  endpoint.closeAll();
  await new Promise((resolve) => http.close(resolve));
  room.destroy();
});

const frame = (message: Uint8Array) => clientFrame(0x82, message);
/** A length past the end of the frame: lib0 cannot read it (4410). */
const TRUNCATED = frame(new Uint8Array([MessageType.sync, SyncStep.update, 100, 1, 2, 3]));
function validUpdate(text: string): Buffer {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, text);
  return frame(syncMessage(SyncStep.update, Y.encodeStateAsUpdate(doc)));
}

/** Opens a raw socket to the room and waits until the server has greeted it (the connection is open). */
async function openGreeted(): Promise<RawWebSocket> {
  const raw = await openRawWebSocket(port, `/collab/${ROOM}`);
  await waitFor(() => raw.received.length > 0, "the server's greeting");
  return raw;
}

/** Waits for the socket's close line (logged when the socket has closed). */
async function closeLines() {
  await waitFor(() => lines.some((line) => line.event === "connection.close"), "the close line");
  return lines.filter((line) => line.event === "connection.close");
}

describe("a condemned connection", () => {
  it("has nothing applied, relayed or stored that it wrote behind a malformed frame in the same TCP write", async () => {
    const raw = await openGreeted();
    raw.write(Buffer.concat([TRUNCATED, validUpdate("INJECTED")]));
    expect(await raw.closed).toBe(CloseCode.malformedMessage);
    raw.destroy();
    await closeLines();
    expect(room.doc.getText("t").toString()).toBe("");
    expect(stored).toEqual([]);
    expect(bystander.sent).toEqual([]);
  });

  it("has nothing applied that was held while it was authorized, behind a malformed frame", async () => {
    let authorized = () => {};
    authorizing = new Promise((resolve) => {
      authorized = resolve;
    });
    const raw = await openRawWebSocket(port, `/collab/${ROOM}`);
    raw.write(Buffer.concat([validUpdate("kept "), TRUNCATED, validUpdate("INJECTED")]));
    await new Promise((resolve) => setTimeout(resolve, 50));
    authorized();
    expect(await raw.closed).toBe(CloseCode.malformedMessage);
    raw.destroy();
    const [line] = await closeLines();
    expect(room.doc.getText("t").toString()).toBe("kept ");
    expect(stored).toHaveLength(1);
    expect(line?.fields.dropped).toBe(1);
  });

  it("has nothing applied that it sent after the server decided to close it (its participant was removed)", async () => {
    const raw = await openGreeted();
    endpoint.closeParticipant("mallory001", CloseCode.forbidden, "removed");
    raw.write(validUpdate("INJECTED"));
    expect(await raw.closed).toBe(CloseCode.forbidden);
    await new Promise((resolve) => setTimeout(resolve, 50));
    raw.destroy();
    await closeLines();
    expect(room.doc.getText("t").toString()).toBe("");
    expect(stored).toEqual([]);
  });

  it("logs one line when it sends garbage, however much, with the count of frames dropped", async () => {
    const raw = await openGreeted();
    const garbage = frame(new Uint8Array([42, 1, 2, 3]));
    raw.write(Buffer.concat(Array.from({ length: 309 }, () => garbage)));
    expect(await raw.closed).toBe(CloseCode.unknownMessage);
    raw.destroy();
    await closeLines();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines).toEqual([
      {
        level: "warn",
        event: "connection.close",
        fields: expect.objectContaining({ code: CloseCode.unknownMessage, dropped: 308, room: ROOM }),
      },
    ]);
  });
});

describe("warnings about connections", () => {
  it("are rate-limited per remote address; normal closes are not", async () => {
    for (let i = 0; i < 5; i++) {
      const raw = await openGreeted();
      raw.write(TRUNCATED);
      await raw.closed;
      raw.destroy();
    }
    const quiet = await openGreeted();
    quiet.destroy();
    await waitFor(() => endpoint.connectionCount === 0, "every socket closed");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines.map((line) => `${line.level} ${line.event}`)).toEqual([
      "warn connection.close",
      "warn connection.close",
      "info connection.close",
    ]);
  });
});
