import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import * as Y from "yjs";
import { PermissionDeniedReason } from "../../shared/protocol/accessMessage";
import { MessageType, SyncStep } from "../../shared/protocol/messageTypes";
import { type CollabClient, connectClient, waitFor } from "../support/collabClient";
import { openCollabSocket, syncMessage } from "../support/rawCollab";
import { serverWithExchange } from "../support/server";

const env = serverWithExchange();

// What a stock y-websocket provider prints when it gets a message it does not know, or is denied.
let errors: MockInstance<typeof console.error>;
let warnings: MockInstance<typeof console.warn>;
const clients: CollabClient[] = [];
beforeEach(() => {
  errors = vi.spyOn(console, "error");
  warnings = vi.spyOn(console, "warn");
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
  vi.restoreAllMocks();
});

function open(room: string, cookie: string | null, mutual: boolean): CollabClient {
  const client = connectClient(env.server.wsUrl, room, { cookie, mutual });
  clients.push(client);
  return client;
}

/** Long enough for `saved` acknowledgements (sent 250 ms after an author pauses) to have gone out. */
const afterAcks = () => new Promise((resolve) => setTimeout(resolve, 800));

describe("a stock y-websocket provider", () => {
  it("edits alongside the Mutual client and gets nothing it cannot read: no console error or warning", async () => {
    const { room } = await env.exchange.newDocument();
    const cookie = env.exchange.facilitator.session.cookie;
    const mutual = open(room, cookie, true);
    const stock = open(room, cookie, false);
    await Promise.all([mutual.synced(), stock.synced()]);
    mutual.text.insert(0, "Agenda: ");
    await waitFor(
      () => stock.text.toString() === "Agenda: ",
      "the stock client has the Mutual client's edit",
    );
    stock.text.insert(stock.text.length, "议程 — abertura");
    await waitFor(() => mutual.text.toString() === "Agenda: 议程 — abertura", "both have both edits");
    await afterAcks();
    // The Mutual client still hears Mutual's own messages.
    expect(mutual.heard.access).toEqual(["write"]);
    expect(mutual.heard.saved.some((clocks) => clocks.get(mutual.doc.clientID) === 8)).toBe(true);
    expect(stock.heard).toEqual({ access: [], saved: [], refused: [] });
    expect(errors).not.toHaveBeenCalled();
    expect(warnings).not.toHaveBeenCalled();
  });

  it("is sent standard y-protocols messages only, even as an author (no saved, access or refused)", async () => {
    const { room } = await env.exchange.newDocument();
    const raw = await openCollabSocket(env.server.url, room, env.exchange.facilitator.session.cookie, {
      mutual: false,
    });
    const doc = new Y.Doc();
    doc.getText("t").insert(0, "written by a stock client");
    raw.socket.send(syncMessage(SyncStep.step1, Y.encodeStateVector(new Y.Doc())));
    raw.socket.send(syncMessage(SyncStep.update, Y.encodeStateAsUpdate(doc)));
    await afterAcks();
    const standard: number[] = [
      MessageType.sync,
      MessageType.awareness,
      MessageType.auth,
      MessageType.queryAwareness,
    ];
    expect(raw.received.length).toBeGreaterThan(0);
    expect(raw.received.map((message) => message[0]).filter((type) => !standard.includes(type!))).toEqual([]);
    raw.socket.close();
  });

  it("as an observer is told with the standard auth message that it may not write, once, and nothing it writes is merged", async () => {
    const { room } = await env.exchange.newDocument();
    const observer = await env.exchange.join("observer", "陈观察");
    const writer = open(room, env.exchange.facilitator.session.cookie, true);
    const watcher = open(room, observer.session.cookie, false);
    await Promise.all([writer.synced(), watcher.synced()]);
    writer.text.insert(0, "Shared ground");
    await waitFor(() => watcher.text.toString() === "Shared ground", "the observer sees the edit live");
    expect(warnings).not.toHaveBeenCalled();

    watcher.text.insert(0, "HIJACKED ");
    await waitFor(() => warnings.mock.calls.length > 0, "the provider reports the denial");
    watcher.text.insert(0, "AGAIN ");
    await afterAcks();
    expect(warnings).toHaveBeenCalledTimes(1);
    expect(String(warnings.mock.calls[0]![0])).toMatch(/^Permission denied to access/);
    expect(String(warnings.mock.calls[0]![0])).toContain(PermissionDeniedReason.readOnly);
    expect(errors).not.toHaveBeenCalled();

    writer.text.insert(writer.text.length, ".");
    await waitFor(
      () => watcher.text.toString().endsWith("Shared ground."),
      "later edits still reach the observer",
    );
    expect(writer.text.toString()).toBe("Shared ground.");
    const reader = open(room, env.exchange.facilitator.session.cookie, true);
    await reader.synced();
    expect(reader.text.toString()).toBe("Shared ground.");
  });

  it("on an archived document is told the same, even as its facilitator, and nothing it writes is merged", async () => {
    const { document, room } = await env.exchange.newDocument("notes");
    const cookie = env.exchange.facilitator.session.cookie;
    const writer = open(room, cookie, false);
    await writer.synced();
    writer.text.insert(0, "Final notes");
    await waitFor(() => writer.provider.ws?.bufferedAmount === 0, "the edit is sent");
    await afterAcks();
    writer.destroy();
    await env.exchange.facilitator.session.ok(
      "PATCH",
      `/api/exchanges/${env.exchange.exchangeId}/documents/${document.id}`,
      {
        archived: true,
      },
    );
    const late = open(room, cookie, false);
    await late.synced();
    expect(late.text.toString()).toBe("Final notes");
    late.text.insert(0, "AMENDED ");
    await waitFor(() => warnings.mock.calls.length > 0, "the provider reports the denial");
    expect(String(warnings.mock.calls[0]![0])).toContain(PermissionDeniedReason.readOnly);
    expect(errors).not.toHaveBeenCalled();
    const reader = open(room, cookie, true);
    await reader.synced();
    expect(reader.text.toString()).toBe("Final notes");
    expect(reader.heard.access).toEqual(["read"]);
  });
});
