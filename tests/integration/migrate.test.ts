import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { DocumentInfo } from "../../shared/domain";
import { createExchange } from "../support/api";
import { type CollabClient, connectClient, waitFor } from "../support/collabClient";
import { createTestDatabase, scaleoutAvailable, type TestDatabase } from "../support/scaleout";
import { type RunningServer, startServer } from "../support/server";

const ready = await scaleoutAvailable("npm run migrate (SQLite to PostgreSQL)", ["postgres"]);
const root = join(import.meta.dirname, "..", "..");

/** `npm run migrate -- ...args`, as an operator runs it; resolves with its exit code and output. */
async function migrate(...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "scripts/migrate.ts", ...args],
      {
        cwd: root,
      },
    );
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: `${failed.stdout}${failed.stderr}` };
  }
}

let servers: RunningServer[] = [];
let clients: CollabClient[] = [];
let database: TestDatabase | null = null;
afterEach(async () => {
  for (const client of clients) client.destroy();
  clients = [];
  await Promise.all(servers.map((server) => server.kill()));
  servers = [];
});
afterAll(async () => {
  await database?.drop();
});

async function typeInto(server: RunningServer, room: string, cookie: string | null, words: string[]) {
  const client = connectClient(server.wsUrl, room, { cookie, mutual: true });
  clients.push(client);
  await client.synced();
  for (const word of words) client.text.insert(client.text.length, word);
  const typed = words.join("").length;
  await waitFor(
    () => client.heard.saved.some((clocks) => (clocks.get(client.doc.clientID) ?? 0) >= typed),
    "typing acknowledged",
  );
  return client;
}

describe.skipIf(!ready)("npm run migrate: a SQLite data directory into PostgreSQL", () => {
  it("copies every document with its attributed history, verifies it, and a PostgreSQL server serves the same", async () => {
    // A single server on SQLite: a compacted document with history by two people, and one whose last
    // changes are only in the journal (the server is killed before its database batch).
    const sqliteServer = await startServer({ env: { FLUSH_INTERVAL_MS: "60000" } });
    servers.push(sqliteServer);
    const exchange = await createExchange(sqliteServer.url);
    const delegate = await exchange.join("delegate", "Dalia Delegada");
    const compacted = await exchange.newDocument();
    const journaled = await exchange.newDocument("notes", delegate);
    const words = Array.from({ length: 30 }, (_, i) => `palavra${i} 词${i} `);
    await typeInto(sqliteServer, compacted.room, exchange.facilitator.session.cookie, words.slice(0, 15));
    await typeInto(sqliteServer, compacted.room, delegate.session.cookie, words.slice(15));
    const compactedText = clients[1]!.text.toString();
    for (const client of clients.splice(0)) client.destroy();
    // Left idle, the room is written, compacted and unloaded.
    await waitFor(() => sqliteServer.logs.some((line) => line.event === "room.compacted"), "a compaction");
    const journaledText = "only in the journal — 只在日志里";
    await typeInto(sqliteServer, journaled.room, delegate.session.cookie, [journaledText]);
    for (const client of clients.splice(0)) client.destroy();
    await sqliteServer.kill();

    database = await createTestDatabase("migrate");
    const first = await migrate("--from", sqliteServer.dataDir, "--to", database.url, "--verify");
    expect(first.output).toContain(`ok ${compacted.room}:`);
    expect(first.output).toContain(`ok ${journaled.room}:`);
    expect(first.output).toMatch(/ok table participants: 2 rows in SQLite, 2 in PostgreSQL/);
    expect(first.output).toMatch(/verified: 2 documents and \d+ tables equal/);
    expect(first.code).toBe(0);

    // Again: nothing new, still equal.
    const again = await migrate("--from", sqliteServer.dataDir, "--to", database.url, "--verify");
    expect(again.code).toBe(0);
    expect(again.output).toMatch(/copied document_updates: \d+ rows read, 0 new/);
    expect(again.output).toMatch(/verified: 2 documents/);

    // History checkpoints are compared too: one SQLite gained since is missing until it is copied.
    const sqlite = new Database(join(sqliteServer.dataDir, "mutual.db"));
    sqlite
      .prepare(
        `INSERT INTO history_checkpoints (document_name, through_seq, data, created_at)
         VALUES (?, (SELECT MAX(seq) FROM document_updates WHERE document_name = ?), ?, ?)`,
      )
      .run(compacted.room, compacted.room, Buffer.from("a checkpoint"), Date.now());
    sqlite.close();
    const behind = await migrate("--from", sqliteServer.dataDir, "--to", database.url, "--verify-only");
    expect(behind.code).toBe(1);
    expect(behind.output).toMatch(
      new RegExp(`MISMATCH ${compacted.room}: history checkpoint through update \\d+ differs`),
    );
    const caughtUp = await migrate("--from", sqliteServer.dataDir, "--to", database.url, "--verify");
    expect(caughtUp.output).toMatch(/copied history_checkpoints: \d+ rows read, 1 new/);
    expect(caughtUp.code).toBe(0);

    // The attributed log arrived with its authors and their delegations.
    const db = new pg.Client({ connectionString: database.url });
    db.on("error", () => undefined); // the database is dropped under it if the test fails first
    await db.connect();
    const authors = await db.query<{ author: string; delegation_id: string | null }>(
      `SELECT DISTINCT author, delegation_id FROM document_updates WHERE document_name = $1 ORDER BY author`,
      [compacted.room],
    );
    expect(authors.rows.map((row) => row.author).sort()).toEqual(
      [exchange.facilitator.participantId, delegate.participantId].sort(),
    );
    expect(authors.rows.find((row) => row.author === delegate.participantId)?.delegation_id).toBe(
      exchange.delegation.id,
    );

    // A server on PostgreSQL serves the same content to the same sessions (the secret came along).
    const pgServer = await startServer({ env: { DATABASE_URL: database.url } });
    servers.push(pgServer);
    expect(pgServer.logs.find((line) => line.event === "listening")?.storage).toBe("postgres");
    for (const { document } of [compacted, journaled]) {
      const found = await fetch(
        `${pgServer.url}/api/exchanges/${exchange.exchangeId}/documents/${document.id}`,
        {
          headers: { Origin: pgServer.url, Cookie: delegate.session.cookie! },
        },
      );
      expect(found.status).toBe(200);
      expect(((await found.json()) as { document: DocumentInfo }).document.title).toBe(document.title);
    }
    for (const [room, text] of [
      [compacted.room, compactedText],
      [journaled.room, journaledText],
    ] as const) {
      const reader = connectClient(pgServer.wsUrl, room, { cookie: delegate.session.cookie });
      clients.push(reader);
      await reader.synced();
      expect(reader.text.toString()).toBe(text);
    }
    expect(compactedText).toBe(words.join(""));

    // Verification compares the log itself: one altered update is reported, for its document only.
    await db.query(
      `UPDATE document_updates SET data = data || '\\x00'::bytea
       WHERE seq = (SELECT MIN(seq) FROM document_updates WHERE document_name = $1)`,
      [journaled.room],
    );
    await db.end();
    const tampered = await migrate("--from", sqliteServer.dataDir, "--to", database.url, "--verify-only");
    expect(tampered.code).toBe(1);
    expect(tampered.output).toContain(`MISMATCH ${journaled.room}: update`);
    expect(tampered.output).toContain(`ok ${compacted.room}:`);
  }, 120_000);
});
