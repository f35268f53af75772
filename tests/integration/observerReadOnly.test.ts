import * as decoding from "lib0/decoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MessageType } from "../../shared/protocol/messageTypes";
import { createExchange } from "../support/api";
import { connectClient, waitFor } from "../support/collabClient";
import { openCollabSocket, SyncStep, syncMessage } from "../support/rawCollab";
import { type RunningServer, startServer } from "../support/server";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

/** The whole document as the server sends it to a fresh client (its answer to an empty sync step 1). */
async function serverState(room: string, cookie: string | null): Promise<Uint8Array> {
  const { socket, received } = await openCollabSocket(server.url, room, cookie);
  socket.send(syncMessage(SyncStep.step1, Y.encodeStateVector(new Y.Doc())));
  let state: Uint8Array | null = null;
  await waitFor(() => {
    for (const message of received) {
      const decoder = decoding.createDecoder(message);
      if (
        decoding.readVarUint(decoder) === MessageType.sync &&
        decoding.readVarUint(decoder) === SyncStep.step2
      ) {
        state = decoding.readVarUint8Array(decoder);
      }
    }
    return state !== null;
  }, "sync step 2");
  socket.close();
  return state!;
}

describe("an observer", () => {
  it("sees edits live, but its raw sync step 2 and update messages leave the document byte-for-byte unchanged", async () => {
    const fx = await createExchange(server.url);
    const { room } = await fx.newDocument("problem-statement");
    const observer = await fx.join("observer", "陈观察");
    const writer = connectClient(server.wsUrl, room, { cookie: fx.facilitator.session.cookie });
    const watcher = connectClient(server.wsUrl, room, { cookie: observer.session.cookie });
    await Promise.all([writer.synced(), watcher.synced()]);
    writer.text.insert(0, "Shared ground: ");
    await waitFor(() => watcher.text.toString() === "Shared ground: ", "observer sees the edit live");
    const before = await serverState(room, fx.facilitator.session.cookie);

    const attacker = await openCollabSocket(server.url, room, observer.session.cookie);
    const forged = new Y.Doc();
    Y.applyUpdate(forged, before);
    const sv = Y.encodeStateVector(forged);
    forged.getText("t").insert(0, "HIJACKED ");
    forged.getText("t").delete(10, 3);
    const update = Y.encodeStateAsUpdate(forged, sv);
    attacker.socket.send(syncMessage(SyncStep.step2, update));
    attacker.socket.send(syncMessage(SyncStep.update, update));
    attacker.socket.send(syncMessage(SyncStep.update, Y.encodeStateAsUpdate(forged)));
    await waitFor(
      () => attacker.received.filter((m) => m[0] === MessageType.refused).length >= 3,
      "each refusal is explained to the observer",
    );

    expect(await serverState(room, fx.facilitator.session.cookie)).toEqual(before);
    expect(writer.text.toString()).toBe("Shared ground: ");
    attacker.socket.close();
    writer.destroy();
    watcher.destroy();
  });
});
