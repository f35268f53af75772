import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CloseCode } from "../../shared/protocol/closeCodes";
import { createExchange } from "../support/api";
import { type CollabClient, connectClient, seededRandom, waitFor } from "../support/collabClient";
import { openCollabSocket } from "../support/rawCollab";
import { scaleoutAvailable } from "../support/scaleout";
import { type Cluster, startCluster } from "../support/scaleoutCluster";
import type { RunningServer } from "../support/server";

const ready = await scaleoutAvailable("scale-out: three instances on PostgreSQL and Redis", [
  "postgres",
  "redis",
]);
const LONG = process.env.MUTUAL_LONG === "1";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let cluster: Cluster | null = null;
afterEach(async () => {
  await cluster?.cleanup();
  cluster = null;
});

/** A client that, like a browser behind a load balancer, lands on whichever instance it is given. */
function clientOn(server: RunningServer, room: string, cookie: string | null, doc?: Y.Doc): CollabClient {
  return connectClient(server.wsUrl, room, { cookie, doc, mutual: true });
}

/** The highest clock the server acknowledged as stored for the client's own Yjs client id. */
const ackedClock = (client: CollabClient) =>
  Math.max(0, ...client.heard.saved.map((clocks) => clocks.get(client.doc.clientID) ?? 0));

describe.skipIf(!ready)("several instances on one PostgreSQL database and one Redis", () => {
  it(
    "clients spread over three instances, disconnecting at random and reconnecting to a random instance, all converge",
    async () => {
      cluster = await startCluster("converge", 3);
      const servers = cluster.instances;
      const fx = await createExchange(servers[0]!.url);
      const { room } = await fx.newDocument();
      const members = [fx.facilitator, await fx.join("delegate"), await fx.join("delegate")];
      const seed = Number(process.env.MUTUAL_SEED ?? Date.now() % 100_000);
      const random = seededRandom(seed);
      const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
      const clients = Array.from({ length: 6 }, (_, i) =>
        clientOn(servers[i % 3]!, room, members[i % 3]!.session.cookie),
      );
      await Promise.all(clients.map((client) => client.synced()));
      const rounds = LONG ? 400 : 60;
      let reconnects = 0;
      for (let round = 0; round < rounds; round++) {
        const index = Math.floor(random() * clients.length);
        const client = clients[index]!;
        const text = client.text;
        text.insert(Math.floor(random() * (text.length + 1)), pick(["a", "é", "中", "ção", "文字 ", " "]));
        if (random() < 0.1 && text.length > 3) text.delete(Math.floor(random() * (text.length - 2)), 2);
        if (random() < 0.12) {
          // Dropped: it keeps its document (and edits offline), then lands on a random instance.
          client.provider.destroy();
          if (random() < 0.5) client.text.insert(0, "offline ");
          clients[index] = clientOn(pick(servers), room, members[index % 3]!.session.cookie, client.doc);
          reconnects++;
        }
        await sleep(Math.floor(random() * 25));
      }
      const expected = () => clients[0]!.text.toString();
      await waitFor(
        () => clients.every((c) => c.provider.synced && c.text.toString() === expected()),
        `all clients converge (seed ${seed})`,
        LONG ? 60_000 : 20_000,
      );
      // Every instance serves the same document to a newcomer.
      for (const server of servers) {
        const reader = clientOn(server, room, fx.facilitator.session.cookie);
        await reader.synced();
        await waitFor(() => reader.text.toString() === expected(), `reader on ${server.port} (seed ${seed})`);
        reader.destroy();
      }
      expect(reconnects).toBeGreaterThan(0);
      expect(expected().length).toBeGreaterThan(rounds / 2);
      for (const client of clients) client.destroy();
    },
    LONG ? 180_000 : 90_000,
  );

  it("a SIGKILL of one instance mid-run loses no acknowledged edit, and its clients reconnect elsewhere", async () => {
    cluster = await startCluster("kill", 3);
    const [a, b, c] = cluster.instances as [RunningServer, RunningServer, RunningServer];
    const fx = await createExchange(a.url);
    const { room } = await fx.newDocument();
    const cookie = fx.facilitator.session.cookie;
    const onA = clientOn(a, room, cookie);
    // Its tab dies with the instance: only what was acknowledged to it can be expected to survive.
    const vanishing = clientOn(b, room, cookie);
    // Its tab survives: the load balancer sends its reconnect to another instance.
    let survivor = clientOn(b, room, cookie);
    // Someone on C already, who sees the survivor's presence as B's.
    const watcherOnC = clientOn(c, room, cookie);
    await Promise.all([onA.synced(), vanishing.synced(), survivor.synced(), watcherOnC.synced()]);
    const survivorId = survivor.doc.clientID;
    // (A first state at clock 0 is ignored by y-protocols' receivers: the app's client always sets one.)
    survivor.provider.awareness.setLocalStateField("cursor", { anchor: 1 });
    await waitFor(() => watcherOnC.provider.awareness.getStates().has(survivorId), "survivor present on C");
    let typing = true;
    const type = async (client: () => CollabClient, letter: string) => {
      while (typing) {
        const text = client().text;
        text.insert(text.length, letter);
        await sleep(5);
      }
    };
    const typists = [type(() => onA, "a"), type(() => vanishing, "v"), type(() => survivor, "s")];
    // Bounded: the typists stop however this part ends, so a failure never leaves them writing.
    let acked = 0;
    try {
      await waitFor(() => ackedClock(vanishing) > 20, "edits on B acknowledged");
      await b.kill();
      acked = ackedClock(vanishing);
      vanishing.provider.destroy();
      const killedAt = Date.now();
      // The survivor's socket dropped: it reconnects to C, with its document and unacknowledged edits.
      survivor.provider.destroy();
      survivor = clientOn(c, room, cookie, survivor.doc);
      await survivor.synced();
      expect(Date.now() - killedAt).toBeLessThan(5000);
      // Its caret moves at once on C and A, though B never withdrew its presence there.
      survivor.provider.awareness.setLocalStateField("cursor", { anchor: 2 });
      const caretAt = (client: CollabClient) =>
        (client.provider.awareness.getStates().get(survivorId)?.cursor as { anchor?: number } | undefined)
          ?.anchor;
      await waitFor(() => caretAt(watcherOnC) === 2 && caretAt(onA) === 2, "survivor's caret moves", 2000);
      await sleep(300);
    } finally {
      typing = false;
      await Promise.all(typists);
    }

    const reader = clientOn(c, room, cookie);
    await reader.synced();
    await waitFor(
      () =>
        reader.text.toString() === onA.text.toString() && reader.text.toString() === survivor.text.toString(),
      "A, C and the survivor converge",
    );
    const stored = Y.decodeStateVector(Y.encodeStateVector(reader.doc));
    expect(acked).toBeGreaterThan(20);
    expect(stored.get(vanishing.doc.clientID) ?? 0).toBeGreaterThanOrEqual(acked);
    // Everything the survivor typed, before and after the kill, is there.
    expect(stored.get(survivor.doc.clientID)).toBe(Y.getState(survivor.doc.store, survivor.doc.clientID));
    for (const client of [onA, survivor, reader, watcherOnC]) client.destroy();
    vanishing.doc.destroy();
  }, 60_000);

  it("revoking a participant on instance A closes their socket on instance C within a second", async () => {
    cluster = await startCluster("revoke", 3);
    const [a, , c] = cluster.instances as [RunningServer, RunningServer, RunningServer];
    const fx = await createExchange(a.url);
    const { room } = await fx.newDocument();
    const delegate = await fx.join("delegate");
    const observerToBe = await fx.join("delegate");
    const onC = await openCollabSocket(c.url, room, delegate.session.cookie);
    const alsoOnC = await openCollabSocket(c.url, room, observerToBe.session.cookie);
    await waitFor(() => onC.received.length > 0 && alsoOnC.received.length > 0, "admitted on C");
    const base = `/api/exchanges/${fx.exchangeId}/participants`;
    let started = Date.now();
    await fx.facilitator.session.ok("DELETE", `${base}/${delegate.participantId}`);
    expect(await onC.closed).toBe(CloseCode.forbidden);
    expect(Date.now() - started).toBeLessThan(1000);
    started = Date.now();
    await fx.facilitator.session.ok("PATCH", `${base}/${observerToBe.participantId}`, { role: "observer" });
    expect(await alsoOnC.closed).toBe(CloseCode.accessChanged);
    expect(Date.now() - started).toBeLessThan(1000);
    const again = await openCollabSocket(c.url, room, delegate.session.cookie);
    expect(await again.closed).toBe(CloseCode.forbidden);
  }, 60_000);

  it("shows on every instance's exchange page who is in which document, wherever they are connected", async () => {
    cluster = await startCluster("presence-page", 2);
    const [a, b] = cluster.instances as [RunningServer, RunningServer];
    const fx = await createExchange(a.url);
    const { room, document } = await fx.newDocument();
    const delegate = await fx.join("delegate");
    const onB = clientOn(b, room, delegate.session.cookie);
    await onB.synced();
    const whoIsWhere = async () =>
      (
        await fx.facilitator.session.ok<{ presence: Array<{ participantId: string; documentId: string }> }>(
          "GET",
          `/api/exchanges/${fx.exchangeId}`,
        )
      ).presence;
    // The facilitator's API requests go to A; the delegate's socket is on B.
    const expected = [{ participantId: delegate.participantId, documentId: document.id }];
    const deadline = Date.now() + 3000;
    while (JSON.stringify(await whoIsWhere()) !== JSON.stringify(expected) && Date.now() < deadline)
      await sleep(50);
    expect(await whoIsWhere()).toEqual(expected);
    onB.destroy();
    const gone = Date.now() + 3000;
    while ((await whoIsWhere()).length > 0 && Date.now() < gone) await sleep(50);
    expect(await whoIsWhere()).toEqual([]);
  }, 60_000);

  it("holds a rate limit across instances: the eleventh exchange in a minute is refused wherever it is asked", async () => {
    cluster = await startCluster("ratelimit", 2);
    const [a, b] = cluster.instances as [RunningServer, RunningServer];
    const create = (server: RunningServer) =>
      fetch(`${server.url}/api/exchanges`, {
        method: "POST",
        headers: { Origin: server.url, "Content-Type": "application/json" },
        body: JSON.stringify({
          title: "Rate-limited exchange",
          description: "",
          timeZone: "UTC",
          facilitatorName: "Fiona",
          uiLanguage: "en",
        }),
      }).then((response) => response.status);
    // The limit is 10 per minute per address: 5 through each instance, then one more through either.
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push(await create(i % 2 === 0 ? a : b));
    expect(statuses.every((status) => status === 201)).toBe(true);
    expect(await create(b)).toBe(429);
    expect(await create(a)).toBe(429);
  }, 60_000);

  it("compacts a document on one instance only, though every instance counted its updates", async () => {
    cluster = await startCluster("compact", 3, { COMPACT_AFTER_UPDATES: "40", FLUSH_INTERVAL_MS: "20" });
    const servers = cluster.instances;
    const fx = await createExchange(servers[0]!.url);
    const { room } = await fx.newDocument();
    const cookie = fx.facilitator.session.cookie;
    const clients = servers.map((server) => clientOn(server, room, cookie));
    await Promise.all(clients.map((client) => client.synced()));
    // 60 updates in all, 20 through each instance, each stored on its own: past 40 once, not twice.
    for (let i = 0; i < 20; i++) {
      for (const client of clients) client.text.insert(client.text.length, "x");
      await sleep(15);
    }
    const compactions = () => cluster!.logs().filter((l) => l.event === "room.compacted" && l.room === room);
    await waitFor(() => compactions().length > 0, "compacted once");
    await waitFor(() => clients.every((c) => c.text.length === 60), "all updates everywhere");
    await sleep(1500);
    expect(compactions()).toHaveLength(1);
    for (const client of clients) client.destroy();
  }, 60_000);

  it("withdraws the presence of a killed instance's clients from the others", async () => {
    cluster = await startCluster("presence", 2);
    const [a, b] = cluster.instances as [RunningServer, RunningServer];
    const fx = await createExchange(a.url);
    const { room } = await fx.newDocument();
    const cookie = fx.facilitator.session.cookie;
    const watcher = clientOn(a, room, cookie);
    const doomed = clientOn(b, room, cookie);
    await Promise.all([watcher.synced(), doomed.synced()]);
    doomed.provider.awareness.setLocalStateField("cursor", { anchor: 1 });
    const doomedId = doomed.doc.clientID;
    await waitFor(() => watcher.provider.awareness.getStates().has(doomedId), "presence crosses instances");
    await b.kill();
    doomed.provider.destroy(); // its tab is gone too, so nobody says goodbye
    const killedAt = Date.now();
    await waitFor(() => !watcher.provider.awareness.getStates().has(doomedId), "presence withdrawn", 8000);
    // Heartbeats every second, dead after three missed: well before y-protocols' own 30 s timeout.
    expect(Date.now() - killedAt).toBeLessThan(6000);
    watcher.destroy();
    doomed.doc.destroy();
  }, 60_000);
});
