import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createExchange, type ExchangeFixture } from "../support/api";
import { postgresBackend } from "../support/backends";
import { type CollabClient, connectClient, waitFor } from "../support/collabClient";
import { type RunningServer, startServer } from "../support/server";
import { connectThree, typeWords } from "../support/typists";

const backend = await postgresBackend("store before relay");

let server: RunningServer | null = null;
const clients: CollabClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server?.kill();
  server = null;
});

/** The highest clock the server acknowledged (`saved`) for the client's own Yjs client id. */
function savedClock(client: CollabClient): number {
  let clock = 0;
  for (const clocks of client.heard.saved) clock = Math.max(clock, clocks.get(client.doc.clientID) ?? 0);
  return clock;
}

/** The facilitator, told what is saved, and a delegate on a new document of `exchange`, synced. */
async function authorAndPeer(server: RunningServer, exchange: ExchangeFixture) {
  const { room } = await exchange.newDocument();
  const author = connectClient(server.wsUrl, room, {
    cookie: exchange.facilitator.session.cookie,
    mutual: true,
  });
  const peer = connectClient(server.wsUrl, room, {
    cookie: (await exchange.join("delegate")).session.cookie,
  });
  clients.push(author, peer);
  await Promise.all([author.synced(), peer.synced()]);
  return { room, author, peer };
}

async function withDatabase<T>(url: string, run: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return await run(db);
  } finally {
    await db.end();
  }
}

describe.skipIf(!backend.ready)(
  "PostgreSQL: a change is committed before it is relayed or acknowledged",
  () => {
    it("keeps every acknowledged edit, and every edit another client received, through a SIGKILL", async () => {
      const env = await backend.freshEnv();
      server = await startServer({ env });
      expect(server.logs.find((line) => line.event === "listening")?.storage).toBe("postgres");
      const exchange = await createExchange(server.url);
      const { room, author, peer } = await authorAndPeer(server, exchange);

      // One author appending: its clock counts the characters typed, so `saved` N means "the first N".
      let typed = "";
      const typing = setInterval(() => {
        const word = `${typed.length % 7 === 0 ? "词" : "w"}${typed.length} `;
        typed += word;
        author.text.insert(author.text.length, word);
      }, 4);
      try {
        await waitFor(() => savedClock(author) > 200, "some edits acknowledged", 15_000);
        await new Promise((resolve) => setTimeout(resolve, 137)); // mid-burst, between acknowledgements
      } finally {
        clearInterval(typing);
      }
      await server.kill();
      // What the author heard and the peer received before the kill; the author never comes back.
      const acknowledged = savedClock(author);
      const relayed = peer.text.toString();
      author.provider.disconnect();
      peer.provider.disconnect();
      expect(acknowledged).toBeGreaterThan(200);
      expect(relayed.length).toBeGreaterThan(0);

      server = await startServer({ env, dataDir: server.dataDir });
      const reader = connectClient(server.wsUrl, room, { cookie: exchange.facilitator.session.cookie });
      clients.push(reader);
      await reader.synced();
      const stored = reader.text.toString();
      expect(stored.length).toBeGreaterThanOrEqual(acknowledged);
      expect(typed.startsWith(stored)).toBe(true);
      expect(stored.startsWith(relayed)).toBe(true);
    }, 60_000);

    it("converges with every edit of every client stored, through kills while three clients type", async () => {
      const env = await backend.freshEnv();
      server = await startServer({ env });
      const port = server.port;
      const exchange = await createExchange(server.url);
      const { room, members, clients: three } = await connectThree(exchange, server.wsUrl);
      clients.push(...three);
      const typists = typeWords(three, 34);
      for (let kill = 0; kill < 2; kill++) {
        await typists.typeSome(60);
        await server.kill();
        await typists.typeSome(20); // typed while the server is down: sent again on reconnecting
        server = await startServer({ env, port, dataDir: server.dataDir });
        await typists.reconnected();
      }
      await typists.typeSome(30);
      await typists.everyClientHasEveryWord();
      const final = three[0]!.text.toString();
      for (const typist of three) expect(typist.text.toString()).toBe(final);
      for (const typist of three) typist.provider.disconnect();
      await server.stop();
      server = await startServer({ env, port, dataDir: server.dataDir });
      const reader = connectClient(server.wsUrl, room, { cookie: members[0]!.session.cookie });
      clients.push(reader);
      await reader.synced();
      expect(reader.text.toString()).toBe(final);
    }, 90_000);

    it("relays and acknowledges nothing while commits fail, and stores it all once they succeed again", async () => {
      const env = await backend.freshEnv();
      server = await startServer({ env });
      const exchange = await createExchange(server.url);
      const { room, author, peer } = await authorAndPeer(server, exchange);
      author.text.insert(0, "committed; ");
      await waitFor(() => peer.text.toString() === "committed; ", "the first edit relayed");
      await waitFor(() => savedClock(author) === "committed; ".length, "the first edit acknowledged");

      // The database now refuses every logged update (as a full disk or a lost primary would).
      await withDatabase(env.DATABASE_URL!, (db) =>
        db.query(`CREATE FUNCTION refuse_updates() RETURNS trigger LANGUAGE plpgsql AS
                  $$ BEGIN RAISE EXCEPTION 'test: writes refused'; END $$;
                CREATE TRIGGER refuse_updates BEFORE INSERT ON document_updates
                  FOR EACH ROW EXECUTE FUNCTION refuse_updates();`),
      );
      const savedBefore = author.heard.saved.length;
      author.text.insert(author.text.length, "not stored yet");
      await waitFor(
        () => server!.logs.some((line) => line.event === "storage.commit_failed"),
        "the commit fails",
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      // Neither relayed to the peer nor acknowledged to the author.
      expect(peer.text.toString()).toBe("committed; ");
      expect(
        author.heard.saved.slice(savedBefore).some((clocks) => (clocks.get(author.doc.clientID) ?? 0) > 11),
      ).toBe(false);

      // Writes work again: the author's reconnection sends what the server lacks, and it is stored.
      await withDatabase(env.DATABASE_URL!, (db) =>
        db.query("DROP TRIGGER refuse_updates ON document_updates"),
      );
      await waitFor(
        () => peer.text.toString() === "committed; not stored yet",
        "the edit relayed once stored",
        15_000,
      );
      await waitFor(
        () => savedClock(author) === "committed; not stored yet".length,
        "and acknowledged",
        15_000,
      );
      await server.stop();
      // The graceful stop built the document's snapshot (merged on the merge worker's thread).
      expect(server.logs.filter((line) => line.event === "room.compact_failed")).toEqual([]);
      expect(server.logs.some((line) => line.event === "room.compacted")).toBe(true);
      server = await startServer({ env, dataDir: server.dataDir });
      const reader = connectClient(server.wsUrl, room, { cookie: exchange.facilitator.session.cookie });
      clients.push(reader);
      await reader.synced();
      expect(reader.text.toString()).toBe("committed; not stored yet");
    }, 60_000);
  },
);
