import { afterEach, describe, expect, it } from "vitest";
import type { VersionSummary } from "../../shared/api/history";
import type { RevealedContribution } from "../../shared/run/runRecords";
import type { RunCommand, RunState } from "../../shared/run/runState";
import { RunLayout } from "../../shared/schema/runLayout";
import { ApiSession, createExchange, type ExchangeFixture, type Member } from "../support/api";
import { type CollabClient, connectClient, waitFor } from "../support/collabClient";
import { AAR_PHASES, allText, runStateOf, templatedDocument, writeDraft } from "../support/runFixture";
import { scaleoutAvailable } from "../support/scaleout";
import { type Cluster, startCluster } from "../support/scaleoutCluster";
import type { RunningServer } from "../support/server";

const ready = await scaleoutAvailable("facilitated runs on several instances (PostgreSQL and Redis)", [
  "postgres",
  "redis",
]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let cluster: Cluster | null = null;
const open: CollabClient[] = [];
afterEach(async () => {
  for (const client of open.splice(0)) client.destroy();
  await cluster?.cleanup();
  cluster = null;
});

/** A run command sent by `member` to a given instance (one session cookie works on every instance). */
function commandOn(
  server: RunningServer,
  member: Member,
  base: string,
  command: RunCommand,
): Promise<{ status: number; body: { state: RunState } }> {
  const session = new ApiSession(server.url);
  session.cookie = member.session.cookie;
  return session.request<{ state: RunState }>("POST", base, command);
}

/** The run events history recorded for a document. */
async function runEvents(exchange: ExchangeFixture, documentId: string): Promise<string[]> {
  const { versions } = await exchange.facilitator.session.ok<{ versions: VersionSummary[] }>(
    "GET",
    `/api/exchanges/${exchange.exchangeId}/documents/${documentId}/versions`,
  );
  return versions.filter((v) => v.kind === "run-event").map((v) => String(v.event?.type));
}

/** A watcher of the shared document on every instance (each instance then has the room loaded). */
async function watchEverywhere(servers: RunningServer[], room: string, member: Member) {
  const watchers = servers.map((server) =>
    connectClient(server.wsUrl, room, { cookie: member.session.cookie, mutual: true }),
  );
  open.push(...watchers);
  await Promise.all(watchers.map((watcher) => watcher.synced()));
  return watchers;
}

describe.skipIf(!ready)("facilitated runs across instances: each command once", () => {
  it("two facilitators revealing at the same moment on two instances publish each draft exactly once, on every instance, with one reveal in history", async () => {
    cluster = await startCluster("runreveal", 3);
    const servers = cluster.instances;
    const exchange = await createExchange(servers[0]!.url);
    const second = await exchange.join("facilitator", "Second Facilitator");
    const writers = await Promise.all([1, 2, 3].map((n) => exchange.join("delegate", `Writer ${n}`)));
    const rounds = 6;
    for (let round = 0; round < rounds; round++) {
      const run = await templatedDocument(exchange);
      expect((await run.command(exchange.facilitator, AAR_PHASES)).status).toBe(200);
      // Each writer on a different instance; each draft stored before the reveal.
      const drafts = await Promise.all(
        writers.map((writer, i) =>
          writeDraft(servers[i % 3]!.wsUrl, run.draftRoom(writer.participantId), writer, [
            { sectionId: "intended", text: `intended-r${round}-w${i}` },
            { sectionId: "keep", text: `keep-r${round}-w${i}` },
          ]),
        ),
      );
      open.push(...drafts);
      const watchers = await watchEverywhere(servers, run.room, exchange.facilitator);
      await waitFor(
        () => watchers.every((watcher) => runStateOf(watcher.doc)?.status === "running"),
        "run started on every instance",
      );
      // The two presses on two instances (which instances changes from round to round).
      const [a, b] = await Promise.all([
        commandOn(servers[round % 3]!, exchange.facilitator, run.base, { type: "reveal" }),
        commandOn(servers[(round + 1) % 3]!, second, run.base, { type: "reveal" }),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      await waitFor(
        () => watchers.every((watcher) => runStateOf(watcher.doc)?.revealed === true),
        "revealed on every instance",
      );
      // Long enough for a second reveal's change to arrive anywhere, if one was made.
      await sleep(500);
      for (const watcher of watchers) {
        const text = allText(watcher.doc);
        for (let i = 0; i < writers.length; i++) {
          for (const marker of [`intended-r${round}-w${i}`, `keep-r${round}-w${i}`]) {
            expect(text.split(marker).length - 1, `${marker} in round ${round}`).toBe(1);
          }
        }
        const contributions = watcher.doc
          .getMap(RunLayout.map)
          .get(RunLayout.contributions) as RevealedContribution[];
        expect(contributions).toHaveLength(writers.length * 2);
      }
      const events = await runEvents(exchange, run.document.id);
      expect(
        events.filter((type) => type === "reveal"),
        `reveals in round ${round}`,
      ).toHaveLength(1);
    }
  }, 120_000);

  it("two facilitators pressing 'next' at the same moment on two instances move the run one phase, with one phase change in history", async () => {
    cluster = await startCluster("runnext", 2);
    const servers = cluster.instances;
    const exchange = await createExchange(servers[0]!.url);
    const second = await exchange.join("facilitator", "Second Facilitator");
    const run = await templatedDocument(exchange);
    expect((await run.command(exchange.facilitator, AAR_PHASES)).status).toBe(200);
    const watchers = await watchEverywhere(servers, run.room, exchange.facilitator);
    const pairs = 4;
    for (let pair = 0; pair < pairs; pair++) {
      await waitFor(
        () => watchers.every((watcher) => runStateOf(watcher.doc)?.current === pair),
        `phase ${pair} on every instance`,
      );
      // Each sends the phase they saw, as the run bar does: the later press must find the run moved.
      const answers = await Promise.all([
        commandOn(servers[pair % 2]!, exchange.facilitator, run.base, { type: "next", at: pair }),
        commandOn(servers[(pair + 1) % 2]!, second, run.base, { type: "next", at: pair }),
      ]);
      expect(
        answers.filter((answer) => answer.status === 200),
        `accepted 'next' at ${pair}`,
      ).toHaveLength(1);
      await waitFor(
        () => watchers.every((watcher) => runStateOf(watcher.doc)?.current === pair + 1),
        `phase ${pair + 1} on every instance`,
      );
    }
    await sleep(300);
    for (const watcher of watchers) expect(runStateOf(watcher.doc)?.current).toBe(pairs);
    // The start, then one phase change per pair of presses.
    const events = await runEvents(exchange, run.document.id);
    expect(events.filter((type) => type === "phase")).toHaveLength(1 + pairs);
  }, 120_000);
});
