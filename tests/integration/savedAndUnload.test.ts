import type * as decoding from "lib0/decoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MessageType } from "../../shared/protocol/messageTypes";
import { readSavedClocks } from "../../shared/protocol/savedMessage";
import { createExchange } from "../support/api";
import { connectClient, waitFor } from "../support/collabClient";
import { type RunningServer, startServer } from "../support/server";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ env: { ROOM_IDLE_MS: "300", COMPACT_AFTER_UPDATES: "20" } });
});
afterAll(async () => {
  await server.stop();
});

describe("saved acknowledgements", () => {
  it("tells the author how far its edits are stored, after they are written", async () => {
    const exchange = await createExchange(server.url);
    const { room } = await exchange.newDocument();
    const client = connectClient(server.wsUrl, room, {
      cookie: exchange.facilitator.session.cookie,
      mutual: true,
    });
    const saved = new Map<number, number>();
    client.provider.messageHandlers[MessageType.saved] = (_encoder, decoder: decoding.Decoder) => {
      for (const [id, clock] of readSavedClocks(decoder)) saved.set(id, clock);
    };
    await client.synced();
    client.text.insert(0, "twelve chars");
    await waitFor(() => saved.get(client.doc.clientID) === 12, "saved clock reaches 12");
    client.destroy();
  });
});

describe("idle rooms", () => {
  it("are compacted and unloaded once empty, and load again with all content", async () => {
    const exchange = await createExchange(server.url);
    const { room } = await exchange.newDocument();
    const cookie = exchange.facilitator.session.cookie;
    const writer = connectClient(server.wsUrl, room, { cookie });
    await writer.synced();
    for (let i = 0; i < 60; i++) writer.text.insert(writer.text.length, `${i % 10}`);
    await waitFor(
      () => server.logs.some((l) => l.event === "room.compacted" && l.room === room),
      "compacted",
    );
    writer.destroy();
    await waitFor(() => server.logs.some((l) => l.event === "room.unloaded" && l.room === room), "unloaded");

    const reader = connectClient(server.wsUrl, room, { cookie });
    await reader.synced();
    expect(reader.text.toString()).toBe("0123456789".repeat(6));
    reader.destroy();
  });
});
