import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type {
  CompareResult,
  HistoryNode,
  VersionPage,
  VersionState,
  VersionSummary,
} from "../../shared/api/history";
import { MessageType } from "../../shared/protocol/messageTypes";
import { DocumentLayout } from "../../shared/schema/documentLayout";
import { ApiSession, createExchange, type Member } from "../support/api";
import { type CollabClient, connectClient, waitFor } from "../support/collabClient";
import { chengduDelegation } from "../support/delegations";
import { openCollabSocket, SyncStep, syncMessage } from "../support/rawCollab";
import { type RunningServer, startServer } from "../support/server";

let servers: RunningServer[] = [];
const clients: CollabClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(servers.map((s) => s.kill()));
  servers = [];
});

async function start(options: Parameters<typeof startServer>[0] = {}) {
  const server = await startServer(options);
  servers.push(server);
  return server;
}

/** The exchange's own delegation (Recife) plus a second one (Chengdu), Ana in the first, Li in the second. */
async function twoDelegations(server: RunningServer) {
  const fx = await createExchange(server.url);
  const chengdu = await fx.addDelegation(chengduDelegation("Chengdu office"));
  const ana = await fx.join("delegate", "Ana");
  const li = await fx.join("delegate", "Li", { delegationId: chengdu.id, uiLanguage: "zh-CN" });
  const { document, room } = await fx.newDocument("problem-statement");
  return { fx, recife: fx.delegation, chengdu, ana, li, document, room };
}

function connect(server: RunningServer, room: string, member: Member, doc?: Y.Doc): CollabClient {
  const client = connectClient(server.wsUrl, room, { cookie: member.session.cookie, doc });
  clients.push(client);
  return client;
}

const content = (client: CollabClient) => client.doc.getXmlFragment(DocumentLayout.content);
const textOf = (client: CollabClient) =>
  content(client)
    .toArray()
    .map((p) =>
      (p as Y.XmlElement)
        .toArray()
        .map((t) =>
          (t as Y.XmlText)
            .toDelta()
            .map((op: { insert: string }) => op.insert)
            .join(""),
        )
        .join(""),
    )
    .join("\n");

function addParagraph(client: CollabClient, text: string): Y.XmlText {
  const paragraph = new Y.XmlElement("paragraph");
  const ytext = new Y.XmlText(text);
  paragraph.insert(0, [ytext]);
  content(client).push([paragraph]);
  return ytext;
}
const paragraphText = (client: CollabClient, index: number) =>
  (content(client).get(index) as Y.XmlElement).get(0) as Y.XmlText;

/** Changed runs of a compare, in document order: kind, text, participant, delegation. */
function changes(
  doc: HistoryNode,
): Array<{ kind: string; text: string; participantId: string | null; delegationId: string | null }> {
  const out: ReturnType<typeof changes> = [];
  const walk = (node: HistoryNode) => {
    const mark = node.marks?.find((m) => m.type === "historyChange");
    if (node.text !== undefined && mark) {
      const attrs = mark.attrs as { kind: string; participantId: string | null; delegationId: string | null };
      out.push({
        kind: attrs.kind,
        text: node.text,
        participantId: attrs.participantId,
        delegationId: attrs.delegationId,
      });
    }
    for (const child of node.content ?? []) walk(child);
  };
  walk(doc);
  return out;
}
const plain = (doc: HistoryNode): string => {
  const walk = (node: HistoryNode): string =>
    node.text ?? (node.content ?? []).map(walk).join(node.type === "doc" ? "\n" : "");
  return walk(doc);
};

async function poll<T>(check: () => Promise<T | null>, message: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("version history", () => {
  it("attributes each insertion and deletion to the participant and the delegation they had when writing", async () => {
    const server = await start();
    const { fx, recife, chengdu, ana, li, document, room } = await twoDelegations(server);
    const base = `/api/exchanges/${fx.exchangeId}/documents/${document.id}`;
    const watcher = connect(server, room, fx.facilitator);
    const anaClient = connect(server, room, ana);
    const liClient = connect(server, room, li);
    await Promise.all([watcher, anaClient, liClient].map((c) => c.synced()));
    const seen = async (text: string) =>
      waitFor(() => textOf(watcher) === text, `watcher sees ${JSON.stringify(text)}`);
    const name = (member: Member, versionName: string) =>
      member.session.ok<VersionSummary>("POST", `${base}/versions`, { name: versionName });

    addParagraph(anaClient, "Ana writes about water policy.");
    await seen("Ana writes about water policy.");
    const v1 = await name(ana, "Day 1");

    // Li inserts a paragraph, deletes Ana's "water " and makes "policy" bold.
    addParagraph(liClient, "Li adds rivers.");
    await waitFor(() => textOf(liClient).includes("Li adds"), "Li has both");
    paragraphText(liClient, 0).delete("Ana writes about ".length, "water ".length);
    paragraphText(liClient, 0).format("Ana writes about ".length, "policy".length, { bold: {} });
    await seen("Ana writes about policy.\nLi adds rivers.");
    const v2 = await name(li, "Li's pass");

    // Ana replaces Li's "rivers" with "lakes".
    await waitFor(() => textOf(anaClient) === textOf(watcher), "Ana up to date");
    paragraphText(anaClient, 1).delete("Li adds ".length, "rivers".length);
    paragraphText(anaClient, 1).insert("Li adds ".length, "lakes");
    await seen("Ana writes about policy.\nLi adds lakes.");
    const v3 = await name(ana, "Day 2");

    const compare = (from: number, to: number) =>
      fx.facilitator.session.ok<CompareResult>("GET", `${base}/versions/compare?from=${from}&to=${to}`);

    const first = await compare(v1.id, v2.id);
    expect(changes(first.doc)).toEqual([
      { kind: "delete", text: "water ", participantId: li.participantId, delegationId: chengdu.id },
      { kind: "format", text: "policy", participantId: li.participantId, delegationId: chengdu.id },
      { kind: "insert", text: "Li adds rivers.", participantId: li.participantId, delegationId: chengdu.id },
    ]);
    // The formatting Li applied shows as a bold mark on "policy", marked as her change.
    expect(JSON.stringify(first.doc)).toContain(
      '{"type":"text","text":"policy","marks":[{"type":"bold","attrs":{}},',
    );
    expect(first.totals).toEqual([
      {
        delegationId: chengdu.id,
        anonymous: false,
        participantIds: [li.participantId],
        added: 3,
        removed: 1,
      },
    ]);
    expect(first.people[li.participantId]?.name).toBe("Li");
    expect(first.delegations[chengdu.id]?.name).toBe("Chengdu office");

    const second = await compare(v2.id, v3.id);
    expect(changes(second.doc)).toEqual([
      { kind: "delete", text: "rivers", participantId: ana.participantId, delegationId: recife.id },
      { kind: "insert", text: "lakes", participantId: ana.participantId, delegationId: recife.id },
    ]);

    // From the empty document: Ana's sentence is hers, with the delegation she had.
    const whole = await compare(0, v3.id);
    expect(changes(whole.doc).filter((c) => c.kind === "insert")).toEqual([
      // "policy" is bold: its own run.
      {
        kind: "insert",
        text: "Ana writes about ",
        participantId: ana.participantId,
        delegationId: recife.id,
      },
      { kind: "insert", text: "policy", participantId: ana.participantId, delegationId: recife.id },
      { kind: "insert", text: ".", participantId: ana.participantId, delegationId: recife.id },
      { kind: "insert", text: "Li adds ", participantId: li.participantId, delegationId: chengdu.id },
      { kind: "insert", text: "lakes", participantId: ana.participantId, delegationId: recife.id },
      { kind: "insert", text: ".", participantId: li.participantId, delegationId: chengdu.id },
    ]);

    // Ana moves to Chengdu: what she wrote before stays Recife's, what she writes now is Chengdu's.
    await fx.facilitator.session.ok(
      "PATCH",
      `/api/exchanges/${fx.exchangeId}/participants/${ana.participantId}`,
      {
        delegationId: chengdu.id,
      },
    );
    // The same editor (same Yjs client id) writes on: its new text is Chengdu's.
    await new Promise((resolve) => setTimeout(resolve, 300));
    addParagraph(anaClient, "Now from Chengdu.");
    await seen("Ana writes about policy.\nLi adds lakes.\nNow from Chengdu.");
    const v4 = await name(ana, "Day 3");
    const afterMove = await compare(0, v4.id);
    const inserts = changes(afterMove.doc).filter((c) => c.kind === "insert");
    expect(inserts[0]).toEqual({
      kind: "insert",
      text: "Ana writes about ",
      participantId: ana.participantId,
      delegationId: recife.id,
    });
    expect(inserts.at(-1)).toEqual({
      kind: "insert",
      text: "Now from Chengdu.",
      participantId: ana.participantId,
      delegationId: chengdu.id,
    });

    // The timeline lists them newest first, with contributors.
    const page = await li.session.ok<VersionPage>("GET", `${base}/versions`);
    expect(page.versions.map((v) => v.name)).toEqual(["Day 3", "Day 2", "Li's pass", "Day 1"]);
    expect(page.versions[2]!.contributors).toEqual([
      { participantId: li.participantId, delegationId: chengdu.id },
    ]);
  });

  it("attributes text to its sender even when the sender forges another's name or client id", async () => {
    const server = await start();
    const { fx, chengdu, ana, li, document, room } = await twoDelegations(server);
    const base = `/api/exchanges/${fx.exchangeId}/documents/${document.id}`;
    const watcher = connect(server, room, fx.facilitator);
    const anaClient = connect(server, room, ana);
    await Promise.all([watcher.synced(), anaClient.synced()]);
    addParagraph(anaClient, "Ana's line.");
    await waitFor(() => textOf(watcher) === "Ana's line.", "Ana's line relayed");
    const v1 = await ana.session.ok<VersionSummary>("POST", `${base}/versions`, { name: "before" });

    // Li claims to be Ana in awareness, then writes.
    const liClient = connect(server, room, li);
    await liClient.synced();
    liClient.provider.awareness.setLocalStateField("user", { participantId: ana.participantId, name: "Ana" });
    addParagraph(liClient, "Li pretending.");
    // Li also sends content under Ana's client id, with a deletion of Ana's line, in one update.
    await waitFor(() => textOf(liClient) === "Ana's line.\nLi pretending.", "Li up to date");
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(liClient.doc));
    forged.clientID = anaClient.doc.clientID; // pretend to be Ana's editor
    const stateVector = Y.encodeStateVector(forged);
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("Forged as Ana.")]);
    forged.getXmlFragment(DocumentLayout.content).push([paragraph]);
    ((forged.getXmlFragment(DocumentLayout.content).get(0) as Y.XmlElement).get(0) as Y.XmlText).delete(0, 6);
    const raw = await openCollabSocket(server.url, room, li.session.cookie);
    raw.socket.send(syncMessage(SyncStep.update, Y.encodeStateAsUpdate(forged, stateVector)));
    await waitFor(() => raw.received.some((m) => m[0] === MessageType.refused), "refusal");
    raw.socket.close();
    await waitFor(() => textOf(watcher).includes("Li pretending."), "Li's line relayed");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const v2 = await li.session.ok<VersionSummary>("POST", `${base}/versions`, { name: "after" });

    const result = await fx.facilitator.session.ok<CompareResult>(
      "GET",
      `${base}/versions/compare?from=${v1.id}&to=${v2.id}`,
    );
    const found = changes(result.doc);
    expect(found).toContainEqual({
      kind: "insert",
      text: "Li pretending.",
      participantId: li.participantId,
      delegationId: chengdu.id,
    });
    // Nothing in the comparison is Ana's, and the forged content never reached the document.
    expect(found.every((c) => c.participantId === li.participantId)).toBe(true);
    expect(plain(result.doc)).not.toContain("Forged as Ana.");
    // The deletion that came with the forged content is Li's own change: attributed to Li.
    expect(found).toContainEqual({
      kind: "delete",
      text: "Ana's ",
      participantId: li.participantId,
      delegationId: chengdu.id,
    });
  });

  it("restores a version live to every connected client, and undoes it by restoring the version before", async () => {
    const server = await start();
    const { fx, ana, li, document, room } = await twoDelegations(server);
    const base = `/api/exchanges/${fx.exchangeId}/documents/${document.id}`;
    const anaClient = connect(server, room, ana);
    const liClient = connect(server, room, li);
    await Promise.all([anaClient.synced(), liClient.synced()]);
    addParagraph(anaClient, "First draft.");
    await waitFor(() => textOf(liClient) === "First draft.", "relayed");
    const v1 = await ana.session.ok<VersionSummary>("POST", `${base}/versions`, { name: "draft" });
    paragraphText(liClient, 0).insert(0, "Rewritten: ");
    addParagraph(liClient, "Second paragraph.");
    await waitFor(() => textOf(anaClient) === "Rewritten: First draft.\nSecond paragraph.", "relayed");
    const v2 = await li.session.ok<VersionSummary>("POST", `${base}/versions`, { name: "rewrite" });

    // Observers may read history but not restore.
    const observer = await fx.join("observer", "Olga");
    const refused = await observer.session.request("POST", `${base}/versions/${v1.id}/restore`);
    expect(refused.status).toBe(403);
    expect((await observer.session.request("GET", `${base}/versions`)).status).toBe(200);

    const restore = await ana.session.ok<VersionSummary>("POST", `${base}/versions/${v1.id}/restore`);
    expect(restore.kind).toBe("restore");
    expect(restore.event).toEqual({ restoredFrom: v1.id });
    await waitFor(
      () => textOf(liClient) === "First draft." && textOf(anaClient) === "First draft.",
      "restore reached everyone",
    );

    // Undo: restore the version before the restore.
    await li.session.ok<VersionSummary>("POST", `${base}/versions/${v2.id}/restore`);
    await waitFor(
      () => textOf(anaClient) === "Rewritten: First draft.\nSecond paragraph.",
      "undo reached Ana",
    );
    expect(textOf(liClient)).toBe("Rewritten: First draft.\nSecond paragraph.");
    const page = await ana.session.ok<VersionPage>("GET", `${base}/versions`);
    expect(page.versions.map((v) => v.kind).slice(0, 2)).toEqual(["restore", "restore"]);

    // Li writes offline while Ana restores the draft: Li's words merge on top when she reconnects.
    liClient.provider.disconnect();
    addParagraph(liClient, "Written offline.");
    await ana.session.ok<VersionSummary>("POST", `${base}/versions/${v1.id}/restore`);
    await waitFor(() => textOf(anaClient) === "First draft.", "restore reached Ana");
    liClient.provider.connect();
    await waitFor(
      () => textOf(anaClient) === "First draft.\nWritten offline.",
      "offline edit merged for Ana",
    );
    await waitFor(() => textOf(liClient) === "First draft.\nWritten offline.", "restore reached Li");
  });

  it("viewing, comparing and replaying leave the live document byte-identical and send nothing to the room", async () => {
    const server = await start();
    const { fx, ana, document, room } = await twoDelegations(server);
    const base = `/api/exchanges/${fx.exchangeId}/documents/${document.id}`;
    const anaClient = connect(server, room, ana);
    await anaClient.synced();
    addParagraph(anaClient, "One.");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const v1 = await ana.session.ok<VersionSummary>("POST", `${base}/versions`, { name: "one" });
    addParagraph(anaClient, "Two.");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const v2 = await ana.session.ok<VersionSummary>("POST", `${base}/versions`, { name: "two" });

    const watcher = connect(server, room, fx.facilitator);
    await watcher.synced();
    await waitFor(() => textOf(watcher) === "One.\nTwo.", "synced");
    const before = Y.encodeStateAsUpdate(watcher.doc);
    let heard = 0;
    watcher.doc.on("update", () => heard++);

    const view = await fx.facilitator.session.ok<VersionState>("GET", `${base}/versions/${v1.id}`);
    const viewed = new Y.Doc();
    Y.applyUpdate(viewed, Buffer.from(view.state, "base64"));
    expect(viewed.getXmlFragment(DocumentLayout.content).toString()).toBe("<paragraph>One.</paragraph>");
    await fx.facilitator.session.ok("GET", `${base}/versions/compare?from=${v1.id}&to=${v2.id}`);
    const plan = await fx.facilitator.session.ok<{ frames: Array<{ seq: number }> }>(
      "GET",
      `${base}/history/replay`,
    );
    await fx.facilitator.session.ok("GET", `${base}/history/replay?seq=${plan.frames[1]!.seq}`);
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(heard).toBe(0);
    expect(Buffer.from(Y.encodeStateAsUpdate(watcher.doc)).equals(Buffer.from(before))).toBe(true);
    // A client syncing afresh gets the same document too.
    const fresh = connect(server, room, fx.facilitator);
    await fresh.synced();
    expect(textOf(fresh)).toBe("One.\nTwo.");
    expect((await fx.facilitator.session.ok<VersionPage>("GET", `${base}/versions`)).total).toBe(2);
  });

  it("keeps history through compaction and a restart, and makes a version when the last person leaves", async () => {
    const env = { COMPACT_AFTER_UPDATES: "3", FLUSH_INTERVAL_MS: "20" };
    const server = await start({ env });
    const { fx, ana, li, document, room } = await twoDelegations(server);
    const base = `/api/exchanges/${fx.exchangeId}/documents/${document.id}`;
    const anaClient = connect(server, room, ana);
    const liClient = connect(server, room, li);
    await Promise.all([anaClient.synced(), liClient.synced()]);
    for (let i = 0; i < 6; i++) addParagraph(i % 2 ? liClient : anaClient, `Line ${i}.`);
    await waitFor(
      () => textOf(anaClient).split("\n").length === 6 && textOf(liClient).split("\n").length === 6,
      "all lines",
    );
    const v1 = await ana.session.ok<VersionSummary>("POST", `${base}/versions`, { name: "six lines" });
    for (let i = 0; i < 3; i++) paragraphText(liClient, i).delete(0, 4);
    await waitFor(() => textOf(anaClient).split("Line").length === 4, "deletes relayed");
    const compareBefore = await fx.facilitator.session.ok<CompareResult>(
      "GET",
      `${base}/versions/compare?from=0&to=${v1.id}`,
    );

    // Everyone leaves: a version of what they did since "six lines" is made.
    anaClient.destroy();
    liClient.destroy();
    const auto = await poll(async () => {
      const page = await fx.facilitator.session.ok<VersionPage>("GET", `${base}/versions`);
      return page.versions[0]?.kind === "auto" ? page.versions[0] : null;
    }, "automatic version on leaving");
    expect(auto.contributors).toEqual([
      { participantId: li.participantId, delegationId: expect.any(String) },
    ]);
    expect(server.logs.some((l) => l.event === "room.compacted" && l.room === room)).toBe(true);

    await server.stop();
    const again = await start({ dataDir: server.dataDir, env });
    const session = new ApiSession(again.url);
    session.cookie = fx.facilitator.session.cookie;
    const compareAfter = await session.ok<CompareResult>(
      "GET",
      `${base}/versions/compare?from=0&to=${v1.id}`,
    );
    expect(compareAfter.doc).toEqual(compareBefore.doc);
    const lastCompare = await session.ok<CompareResult>(
      "GET",
      `${base}/versions/compare?from=${v1.id}&to=${auto.id}`,
    );
    expect(
      changes(lastCompare.doc)
        .filter((c) => c.kind === "delete")
        .map((c) => c.text),
    ).toEqual(["Line", "Line", "Line"]);
  });
});
