import { inflateRawSync } from "node:zlib";
import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DEFLATE_SYNC_MIN_BYTES, readDeflatedSync } from "../../shared/protocol/deflatedSync";
import { MessageType, SyncStep } from "../../shared/protocol/messageTypes";
import { connectClient, seededRandom, waitFor } from "../support/collabClient";
import { openCollabSocket, syncMessage } from "../support/rawCollab";
import { serverWithExchange } from "../support/server";

const env = serverWithExchange();

/** A document of `chars` characters of seeded words, written by a stock client; returns its text. */
async function writtenDocument(chars: number): Promise<{ room: string; text: string }> {
  const { room } = await env.exchange.newDocument();
  const writer = connectClient(env.server.wsUrl, room, { cookie: env.exchange.facilitator.session.cookie });
  await writer.synced();
  const random = seededRandom(chars);
  const words = ["Recife", "Chengdu", "Bristol", "learning", "exchange", "délégation", "交流", "reflexão"];
  let text = "";
  while (text.length < chars) text += `${words[Math.floor(random() * words.length)]} `;
  // Many small edits, as typing makes them, so the encoding carries Yjs's own structure too.
  for (let at = 0; at < text.length; at += 40) writer.text.insert(at, text.slice(at, at + 40));
  await waitFor(() => writer.provider.synced && writer.text.length === text.length, "written");
  // Stored before relay: a reader opening the room now gets all of it.
  writer.destroy();
  return { room, text };
}

/** The first sync a bare socket gets for an empty state vector: the message type and the decoded text. */
async function firstSync(room: string, mutual: boolean) {
  const { socket, received } = await openCollabSocket(
    env.server.url,
    room,
    env.exchange.facilitator.session.cookie,
    {
      mutual,
    },
  );
  socket.send(syncMessage(SyncStep.step1, Y.encodeStateVector(new Y.Doc())));
  const isAnswer = (message: Uint8Array) =>
    message[0] === MessageType.syncStep2Deflated ||
    (message[0] === MessageType.sync && message[1] === SyncStep.step2);
  await waitFor(() => received.some(isAnswer), "sync step 2");
  socket.close();
  const answer = received.find(isAnswer) as Uint8Array;
  const decoder = decoding.createDecoder(answer);
  const type = decoding.readVarUint(decoder);
  let update: Uint8Array;
  if (type === MessageType.syncStep2Deflated) update = inflateRawSync(readDeflatedSync(decoder));
  else {
    decoding.readVarUint(decoder);
    update = decoding.readVarUint8Array(decoder);
  }
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return {
    type,
    wireBytes: answer.byteLength,
    updateBytes: update.byteLength,
    text: doc.getText("t").toString(),
  };
}

describe("deflated first sync", () => {
  it("sends a Mutual client a large document deflated, and a stock client the standard step 2", async () => {
    const { room, text } = await writtenDocument(120_000);
    const mutual = await firstSync(room, true);
    expect(mutual.type).toBe(MessageType.syncStep2Deflated);
    expect(mutual.updateBytes).toBeGreaterThan(DEFLATE_SYNC_MIN_BYTES);
    expect(mutual.text).toBe(text);
    expect(mutual.wireBytes).toBeLessThan(mutual.updateBytes / 2);

    const stock = await firstSync(room, false);
    expect(stock.type).toBe(MessageType.sync);
    expect(stock.text).toBe(text);
  });

  it("sends a small document as it is", async () => {
    const { room, text } = await writtenDocument(2_000);
    const mutual = await firstSync(room, true);
    expect(mutual.type).toBe(MessageType.sync);
    expect(mutual.text).toBe(text);
  });

  it("lets the Mutual client's provider sync from it and keep editing", async () => {
    const { room, text } = await writtenDocument(80_000);
    const reader = connectClient(env.server.wsUrl, room, {
      cookie: env.exchange.facilitator.session.cookie,
      mutual: true,
    });
    await reader.synced();
    expect(reader.text.toString()).toBe(text);
    reader.text.insert(0, "Agenda: ");
    const other = connectClient(env.server.wsUrl, room, { cookie: env.exchange.facilitator.session.cookie });
    await other.synced();
    await waitFor(() => other.text.length === text.length + 8, "edit relayed");
    expect(other.text.toString()).toBe(`Agenda: ${text}`);
    reader.destroy();
    other.destroy();
  });
});
