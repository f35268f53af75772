import * as decoding from "lib0/decoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloseCode } from "../../shared/protocol/closeCodes";
import { MessageType } from "../../shared/protocol/messageTypes";
import { createExchange } from "../support/api";
import { waitFor } from "../support/collabClient";
import { openCollabSocket } from "../support/rawCollab";
import { type RunningServer, startServer } from "../support/server";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

const accessOf = (received: Uint8Array[]) =>
  received
    .map((m) => decoding.createDecoder(m))
    .filter((d) => decoding.readVarUint(d) === MessageType.access)
    .map((d) => (decoding.readVarUint(d) === 1 ? "write" : "read"));

describe("changing access closes live sockets at once", () => {
  it("removing a participant closes every socket of theirs, permanently, within a second", async () => {
    const fx = await createExchange(server.url);
    const delegate = await fx.join("delegate");
    const rooms = [(await fx.newDocument()).room, (await fx.newDocument("agenda")).room];
    const sockets = await Promise.all(
      rooms.map((room) => openCollabSocket(server.url, room, delegate.session.cookie)),
    );
    await waitFor(() => sockets.every((s) => accessOf(s.received).length === 1), "sockets admitted");
    const started = Date.now();
    await fx.facilitator.session.ok(
      "DELETE",
      `/api/exchanges/${fx.exchangeId}/participants/${delegate.participantId}`,
    );
    const codes = await Promise.all(sockets.map((s) => s.closed));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(codes).toEqual([CloseCode.forbidden, CloseCode.forbidden]);
    const again = await openCollabSocket(server.url, rooms[0]!, delegate.session.cookie);
    expect(await again.closed).toBe(CloseCode.forbidden);
  });

  it("changing a delegate to observer closes their sockets within a second, and the reconnect is read-only", async () => {
    const fx = await createExchange(server.url);
    const delegate = await fx.join("delegate");
    const { room } = await fx.newDocument();
    const socket = await openCollabSocket(server.url, room, delegate.session.cookie);
    await waitFor(() => accessOf(socket.received).length === 1, "admitted");
    expect(accessOf(socket.received)).toEqual(["write"]);
    const started = Date.now();
    await fx.facilitator.session.ok(
      "PATCH",
      `/api/exchanges/${fx.exchangeId}/participants/${delegate.participantId}`,
      {
        role: "observer",
      },
    );
    expect(await socket.closed).toBe(CloseCode.accessChanged);
    expect(Date.now() - started).toBeLessThan(1000);
    const reconnected = await openCollabSocket(server.url, room, delegate.session.cookie);
    await waitFor(() => accessOf(reconnected.received).length === 1, "readmitted");
    expect(accessOf(reconnected.received)).toEqual(["read"]);
    reconnected.socket.close();
  });

  it("keeps the last facilitator: they can neither be removed nor demoted", async () => {
    const fx = await createExchange(server.url);
    const base = `/api/exchanges/${fx.exchangeId}/participants`;
    const demote = await fx.facilitator.session.request("PATCH", `${base}/${fx.facilitator.participantId}`, {
      role: "delegate",
    });
    expect(demote.status).toBe(409);
    expect((await fx.facilitator.session.request("DELETE", `${base}/me`)).status).toBe(409);
  });
});
