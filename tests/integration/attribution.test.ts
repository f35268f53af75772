import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DELEGATION_COLORS } from "../../shared/domain";
import { MessageType } from "../../shared/protocol/messageTypes";
import { NO_DELEGATION_COLOR } from "../../shared/protocol/presenceUser";
import { createExchange } from "../support/api";
import { type CollabClient, connectClient, waitFor } from "../support/collabClient";
import { openCollabSocket, SyncStep, syncMessage } from "../support/rawCollab";
import { type RunningServer, startServer } from "../support/server";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

/** The stored log of a document: each update with its author, read straight from the database file. */
function storedLog(room: string): Array<{ author: string | null; clients: number[] }> {
  const db = new Database(join(server.dataDir, "mutual.db"), { readonly: true });
  const rows = db
    .prepare("SELECT author, data FROM document_updates WHERE document_name = ? ORDER BY seq")
    .all(room) as Array<{ author: string | null; data: Buffer }>;
  db.close();
  return rows.map((row) => ({
    author: row.author,
    clients: [...new Set(Y.decodeUpdate(new Uint8Array(row.data)).structs.map((s) => s.id.client))],
  }));
}

describe("attribution", () => {
  it("stores every update with the participant whose connection sent it", async () => {
    const fx = await createExchange(server.url);
    const { room } = await fx.newDocument();
    const ana = await fx.join("delegate", "Ana");
    const li = await fx.join("delegate", "李");
    const clients = [
      {
        member: fx.facilitator,
        client: connectClient(server.wsUrl, room, { cookie: fx.facilitator.session.cookie }),
      },
      { member: ana, client: connectClient(server.wsUrl, room, { cookie: ana.session.cookie }) },
      { member: li, client: connectClient(server.wsUrl, room, { cookie: li.session.cookie }) },
    ];
    await Promise.all(clients.map(({ client }) => client.synced()));
    for (let round = 0; round < 10; round++) {
      for (const { client } of clients) client.text.insert(0, `${round}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const expectedLength = 10 * clients.length;
    await waitFor(
      () => clients.every(({ client }) => client.text.length === expectedLength),
      "all edits relayed",
    );
    const ownerOf = new Map(clients.map(({ member, client }) => [client.doc.clientID, member.participantId]));

    // The database gets the journaled changes in batches, within FLUSH_INTERVAL_MS.
    await waitFor(() => storedLog(room).length >= expectedLength, "every update in the database");
    const log = storedLog(room);
    for (const entry of log) {
      for (const clientId of entry.clients) expect(ownerOf.get(clientId)).toBe(entry.author);
    }
    for (const { client } of clients) client.destroy();
  });

  it("refuses content under another participant's client id and leaves the document unchanged", async () => {
    const fx = await createExchange(server.url);
    const { room } = await fx.newDocument();
    const mallory = await fx.join("delegate", "Mallory");
    const alice = connectClient(server.wsUrl, room, { cookie: fx.facilitator.session.cookie });
    await alice.synced();
    alice.text.insert(0, "Alice wrote this.");
    await waitFor(() => storedLog(room).length > 0, "stored");
    const before = storedLog(room);

    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(alice.doc));
    forger.clientID = alice.doc.clientID; // pretend to be Alice's editor
    const sv = Y.encodeStateVector(forger);
    forger.getText("t").insert(0, "Alice agrees to pay. ");
    const raw = await openCollabSocket(server.url, room, mallory.session.cookie);
    raw.socket.send(syncMessage(SyncStep.update, Y.encodeStateAsUpdate(forger, sv)));
    await waitFor(() => raw.received.some((m) => m[0] === MessageType.refused), "refusal");

    const reader = connectClient(server.wsUrl, room, { cookie: mallory.session.cookie });
    await reader.synced();
    expect(reader.text.toString()).toBe("Alice wrote this.");
    expect(storedLog(room)).toEqual(before);
    raw.socket.close();
    reader.destroy();
    alice.destroy();
  });

  it("shows each presence with the name and delegation the server knows, whatever the client claims", async () => {
    const fx = await createExchange(server.url);
    const { room } = await fx.newDocument();
    const ana = await fx.join("delegate", "Ana");
    const anaClient = connectClient(server.wsUrl, room, { cookie: ana.session.cookie });
    const fiona = connectClient(server.wsUrl, room, { cookie: fx.facilitator.session.cookie });
    await Promise.all([anaClient.synced(), fiona.synced()]);
    anaClient.provider.awareness.setLocalStateField("user", {
      participantId: fx.facilitator.participantId,
      name: "Fiona Facilitator",
      color: "#000000",
      delegation: { id: "x", name: "Ministry of Truth", timeZone: "UTC", workingLanguage: "en" },
    });
    fiona.provider.awareness.setLocalStateField("user", { name: "Fiona" });
    const userOf = (seen: CollabClient, client: CollabClient) =>
      seen.provider.awareness.getStates().get(client.doc.clientID)?.user;

    await waitFor(() => userOf(fiona, anaClient) !== undefined, "Ana's presence reaches Fiona");
    expect(userOf(fiona, anaClient)).toEqual({
      participantId: ana.participantId,
      name: "Ana",
      color: DELEGATION_COLORS.green,
      delegation: {
        id: fx.delegation.id,
        name: "Belo Horizonte health team",
        timeZone: "America/Sao_Paulo",
        workingLanguage: "pt-BR",
      },
    });
    await waitFor(() => userOf(anaClient, fiona) !== undefined, "Fiona's presence reaches Ana");
    expect(userOf(anaClient, fiona)).toEqual({
      participantId: fx.facilitator.participantId,
      name: "Fiona Facilitator",
      color: NO_DELEGATION_COLOR,
      delegation: null,
    });
    anaClient.destroy();
    fiona.destroy();
  });
});
