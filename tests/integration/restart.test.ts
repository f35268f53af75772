import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createExchange } from "../support/api";
import { type ServerBackend, serverBackends } from "../support/backends";
import { connectClient, waitFor } from "../support/collabClient";
import { firstSyncStep2 } from "../support/rawCollab";
import { type RunningServer, startServer } from "../support/server";

let servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.kill()));
  servers = [];
});
/** The storage a restarted server (same data directory) finds again: the same database on PostgreSQL. */
const storageEnvOf = new Map<string, Record<string, string>>();
let backend: ServerBackend;
async function start(options: Parameters<typeof startServer>[0] = {}) {
  const storageEnv = (options.dataDir && storageEnvOf.get(options.dataDir)) || (await backend.freshEnv());
  const server = await startServer({ ...options, env: { ...storageEnv, ...options.env } });
  storageEnvOf.set(server.dataDir, storageEnv);
  expect(server.logs.find((line) => line.event === "listening")?.storage).toBe(backend.storage);
  servers.push(server);
  return server;
}

/** A new document of a new exchange on `server`, its facilitator's client connected, with `text` typed. */
async function writeNewDocument(server: RunningServer, text: string) {
  const exchange = await createExchange(server.url);
  const { room } = await exchange.newDocument();
  const cookie = exchange.facilitator.session.cookie;
  const writer = connectClient(server.wsUrl, room, { cookie });
  await writer.synced();
  writer.text.insert(0, text);
  return { room, cookie, writer };
}

for (const each of await serverBackends("server restart")) {
  describe.skipIf(!each.ready)(`server restart (${each.name})`, () => {
    beforeAll(() => {
      backend = each;
    });

    it("keeps every document across a graceful restart (SIGTERM)", async () => {
      const first = await start();
      const { room, cookie, writer } = await writeNewDocument(first, "Agenda: 议程 — sessão de abertura");
      await waitFor(() => first.logs.some((l) => l.event === "room.loaded"), "room loaded");
      writer.destroy();
      await first.stop();
      expect(first.logs.some((l) => l.event === "shutdown.done")).toBe(true);

      const second = await start({ dataDir: first.dataDir });
      const reader = connectClient(second.wsUrl, room, { cookie });
      await reader.synced();
      expect(reader.text.toString()).toBe("Agenda: 议程 — sessão de abertura");
      reader.destroy();
    });

    it("answers the first sync after a restart with the stored document, never an empty one first", async () => {
      const first = await start();
      const { room, cookie, writer } = await writeNewDocument(first, "stored before the restart");
      await first.stop();
      writer.destroy();

      const second = await start({ dataDir: first.dataDir });
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await firstSyncStep2(second, room, cookie));
      expect(doc.getText("t").toString()).toBe("stored before the restart");
    });

    it("does not duplicate content when clients seed an empty document after sync", async () => {
      const first = await start();
      const exchange = await createExchange(first.url);
      const { room } = await exchange.newDocument();
      const cookie = exchange.facilitator.session.cookie;
      // The pattern that breaks on servers that sync before loading: seed if empty once synced.
      const seedIfEmpty = async () => {
        const client = connectClient((servers.at(-1) as RunningServer).wsUrl, room, { cookie });
        await client.synced();
        if (client.text.length === 0) client.text.insert(0, "Template heading");
        return client;
      };
      const a = await seedIfEmpty();
      await waitFor(() => first.logs.some((l) => l.event === "room.loaded"), "room loaded");
      a.destroy();
      await first.stop();
      await start({ dataDir: first.dataDir });
      const clients = await Promise.all([seedIfEmpty(), seedIfEmpty(), seedIfEmpty()]);
      for (const client of clients) expect(client.text.toString()).toBe("Template heading");
      for (const client of clients) client.destroy();
    });
  });
}
