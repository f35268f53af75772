import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createExchange } from "../support/api";
import { connectClient, seededRandom, waitFor } from "../support/collabClient";
import { type RunningServer, startServer } from "../support/server";

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
      const dataDir = mkdtempSync(join(tmpdir(), "mutual-crash-"));
      // A commit delay makes sure batches in flight are lost by the kill and must come back from clients.
      const env = { FLUSH_INTERVAL_MS: "200" };
      server = await startServer({ dataDir, env });
      const port = server.port;
      const exchange = await createExchange(server.url);
      const { room } = await exchange.newDocument();
      const members = [
        exchange.facilitator,
        await exchange.join("delegate"),
        await exchange.join("delegate"),
      ];
      const clients = members.map((m) => connectClient(server!.wsUrl, room, { cookie: m.session.cookie }));
      await Promise.all(clients.map((c) => c.synced()));
      const random = seededRandom(42);
      const expected: string[] = [];
      let counter = 0;

      const typeSome = async (count: number) => {
        for (let i = 0; i < count; i++) {
          const index = Math.floor(random() * clients.length);
          const word = `w${counter++}c${index};`;
          expected.push(word);
          clients[index]!.text.insert(0, word);
          if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 3));
        }
      };

      for (let kill = 0; kill < KILLS; kill++) {
        await typeSome(60);
        await server.kill();
        await typeSome(20); // typed while the server is down
        server = await startServer({ dataDir, env, port });
        await waitFor(() => clients.every((c) => c.provider.wsconnected), "clients reconnect", 15_000);
      }
      await typeSome(30);
      const complete = (text: string) => expected.every((word) => text.includes(word));
      await waitFor(
        () => clients.every((c) => complete(c.text.toString())),
        "every client has every edit",
        15_000,
      );
      const final = clients[0]!.text.toString();
      for (const client of clients) expect(client.text.toString()).toBe(final);
      for (const client of clients) client.destroy();

      // What the server stored (read by a fresh client after a graceful restart) has every edit too.
      await server.stop();
      server = await startServer({ dataDir, port });
      const reader = connectClient(server.wsUrl, room, { cookie: members[0]!.session.cookie });
      await reader.synced();
      expect(reader.text.toString()).toBe(final);
      expect(expected.filter((word) => !reader.text.toString().includes(word))).toEqual([]);
      reader.destroy();
    },
    long ? 300_000 : 60_000,
  );
});
