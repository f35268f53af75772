import type * as decoding from "lib0/decoding";
import { afterEach, describe, expect, it } from "vitest";
import { MessageType } from "../../shared/protocol/messageTypes";
import { readSavedClocks } from "../../shared/protocol/savedMessage";
import { createExchange } from "../support/api";
import { connectClient, waitFor } from "../support/collabClient";
import { type RunningServer, startServer } from "../support/server";
import { tempDir } from "../support/tempDir";
import { connectThree, typeWords } from "../support/typists";

const long = process.env.MUTUAL_LONG === "1";
const KILLS = long ? 10 : 2;

let server: RunningServer | null = null;
afterEach(async () => {
  await server?.kill();
  server = null;
});

describe("server killed with SIGKILL during edits", () => {
  it(
    "ends with every edit of every client present after restarts and reconnects",
    async () => {
      const dataDir = tempDir("mutual-crash-");
      // A long database interval: the kills land while changes are only in the journal.
      const env = { FLUSH_INTERVAL_MS: "200" };
      server = await startServer({ dataDir, env });
      const port = server.port;
      const exchange = await createExchange(server.url);
      const { room, members, clients } = await connectThree(exchange, server.wsUrl);
      const typists = typeWords(clients, 42);

      for (let kill = 0; kill < KILLS; kill++) {
        await typists.typeSome(60);
        await server.kill();
        await typists.typeSome(20); // typed while the server is down
        server = await startServer({ dataDir, env, port });
        await typists.reconnected();
      }
      await typists.typeSome(30);
      await typists.everyClientHasEveryWord();
      const final = clients[0]!.text.toString();
      for (const client of clients) expect(client.text.toString()).toBe(final);
      for (const client of clients) client.destroy();

      // What the server stored (read by a fresh client after a graceful restart) has every edit too.
      await server.stop();
      server = await startServer({ dataDir, port });
      const reader = connectClient(server.wsUrl, room, { cookie: members[0]!.session.cookie });
      await reader.synced();
      expect(reader.text.toString()).toBe(final);
      expect(typists.expected.filter((word) => !reader.text.toString().includes(word))).toEqual([]);
      reader.destroy();
    },
    long ? 300_000 : 60_000,
  );

  it(
    "keeps every change the author was told is saved, though no client ever comes back",
    async () => {
      const dataDir = tempDir("mutual-crash-");
      // No database write before the kill: the changes are in the journal only.
      server = await startServer({ dataDir, env: { FLUSH_INTERVAL_MS: "60000", FLUSH_MAX_BATCH: "100000" } });
      const exchange = await createExchange(server.url);
      const { room } = await exchange.newDocument();
      const cookie = exchange.facilitator.session.cookie;
      const author = connectClient(server.wsUrl, room, { cookie, mutual: true });
      const saved = new Map<number, number>();
      author.provider.messageHandlers[MessageType.saved] = (_encoder, decoder: decoding.Decoder) => {
        for (const [id, clock] of readSavedClocks(decoder)) saved.set(id, clock);
      };
      await author.synced();
      const words = Array.from({ length: 40 }, (_, i) => `palavra${i} 词${i} `);
      for (const word of words) author.text.insert(author.text.length, word);
      const typed = author.text.toString();
      await waitFor(() => saved.get(author.doc.clientID) === typed.length, "every change acknowledged");
      author.destroy(); // the author's copy is gone for good

      await server.kill();
      server = await startServer({ dataDir, port: server.port });
      const reader = connectClient(server.wsUrl, room, { cookie });
      await reader.synced();
      expect(reader.text.toString()).toBe(typed);
      reader.destroy();
    },
    long ? 120_000 : 30_000,
  );
});
