import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { VersionSummary } from "../../shared/api/history";
import type { DocumentInfo } from "../../shared/domain";
import { CloseCode } from "../../shared/protocol/closeCodes";
import type { RevealedContribution } from "../../shared/run/runRecords";
import { remainingMs } from "../../shared/run/runState";
import { RunLayout } from "../../shared/schema/runLayout";
import { createExchange, type ExchangeFixture } from "../support/api";
import { connectClient, waitFor } from "../support/collabClient";
import { openCollabSocket } from "../support/rawCollab";
import {
  AAR_PHASES,
  allText,
  runStateOf,
  sectionTexts,
  templatedDocument,
  writeDraft,
} from "../support/runFixture";
import { type RunningServer, startServer } from "../support/server";

let server: RunningServer;
let exchange: ExchangeFixture;

beforeAll(async () => {
  server = await startServer();
  exchange = await createExchange(server.url);
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

describe("facilitated run: drafts are private", () => {
  it("a participant's draft room refuses every other participant and a facilitator, for good", async () => {
    const run = await templatedDocument(exchange);
    const owner = await exchange.join("delegate", "Olga Owner");
    const other = await exchange.join("delegate", "Otto Other");
    const observer = await exchange.join("observer", "Oscar Observer");
    const room = run.draftRoom(owner.participantId);
    const own = await openCollabSocket(server.url, room, owner.session.cookie);
    for (const intruder of [other, observer, exchange.facilitator]) {
      const socket = await openCollabSocket(server.url, room, intruder.session.cookie);
      expect(await socket.closed).toBe(CloseCode.forbidden);
      // Nothing of the draft reached it: no sync message, nothing but the close.
      expect(socket.received).toEqual([]);
    }
    expect(own.socket.readyState).toBe(own.socket.OPEN);
    own.socket.close();
  });
});

describe("facilitated run: reveal", () => {
  it("two facilitators revealing at the same moment publish each draft exactly once, all in one change", async () => {
    const run = await templatedDocument(exchange);
    const second = await exchange.join("facilitator", "Second Facilitator");
    const writers = await Promise.all([1, 2, 3].map((n) => exchange.join("delegate", `Writer ${n}`)));
    expect((await run.command(exchange.facilitator, AAR_PHASES)).status).toBe(200);
    const drafts = await Promise.all(
      writers.map((w, i) =>
        writeDraft(server.wsUrl, run.draftRoom(w.participantId), w, [
          { sectionId: "intended", text: `intended-by-${i}` },
          { sectionId: "keep", text: `keep-by-${i}` },
        ]),
      ),
    );
    const watcher = connectClient(server.wsUrl, run.room, { cookie: exchange.facilitator.session.cookie });
    await watcher.synced();
    // Before reveal nothing of any draft is in the shared document.
    expect(allText(watcher.doc)).not.toContain("-by-");
    let changes = 0;
    watcher.doc.on("update", (_u: Uint8Array, origin: unknown) => {
      if (origin === watcher.provider) changes++;
    });
    const [a, b] = await Promise.all([
      run.command(exchange.facilitator, { type: "reveal" }),
      run.command(second, { type: "reveal" }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await waitFor(() => runStateOf(watcher.doc)?.revealed === true, "revealed");
    await new Promise((r) => setTimeout(r, 300));
    const text = allText(watcher.doc);
    for (let i = 0; i < 3; i++) {
      for (const marker of [`intended-by-${i}`, `keep-by-${i}`])
        expect(text.split(marker).length - 1).toBe(1);
    }
    // Each under its own section, labelled with its author.
    const sections = sectionTexts(watcher.doc);
    expect(sections.get("intended")!.join("\n")).toContain("intended-by-0");
    expect(sections.get("keep")!.join("\n")).toContain("keep-by-2");
    expect(sections.get("intended")!.join("\n")).toContain("Writer 1");
    const contributions = watcher.doc
      .getMap(RunLayout.map)
      .get(RunLayout.contributions) as RevealedContribution[];
    expect(contributions).toHaveLength(6);
    // All of it (contributions, their list and the flag) arrived as one change.
    expect(changes).toBe(1);
    // History marks the start (a phase event) and the one reveal.
    const { versions } = await exchange.facilitator.session.ok<{ versions: VersionSummary[] }>(
      "GET",
      `/api/exchanges/${exchange.exchangeId}/documents/${run.document.id}/versions`,
    );
    const events = versions.filter((v) => v.kind === "run-event").map((v) => v.event?.type);
    expect(events.filter((type) => type === "reveal")).toHaveLength(1);
    expect(events).toContain("phase");
    for (const d of drafts) d.destroy();
    watcher.destroy();
  });

  it("an anonymous reveal leaves no author name, participant id or bound client id in what others receive or in any API answer", async () => {
    const run = await templatedDocument(exchange);
    const writer = await exchange.join("delegate", "Zelda Secretwriter");
    const reader = await exchange.join("delegate", "Rita Reader");
    await run.command(exchange.facilitator, {
      ...AAR_PHASES,
      settings: { ...AAR_PHASES.settings, anonymous: true },
    });
    const draft = await writeDraft(server.wsUrl, run.draftRoom(writer.participantId), writer, [
      { sectionId: "change", text: "anonymous-thought" },
    ]);
    const socket = await openCollabSocket(server.url, run.room, reader.session.cookie);
    const watcher = connectClient(server.wsUrl, run.room, { cookie: reader.session.cookie });
    await watcher.synced();
    expect((await run.command(exchange.facilitator, { type: "reveal" })).status).toBe(200);
    await waitFor(() => allText(watcher.doc).includes("anonymous-thought"), "revealed text");
    const traffic = Buffer.concat(socket.received.map((m) => Buffer.from(m))).toString("latin1");
    expect(traffic).toContain("anonymous-thought");
    for (const secret of ["Zelda", "Secretwriter", writer.participantId]) {
      expect(traffic).not.toContain(secret);
      expect(JSON.stringify(watcher.doc.toJSON())).not.toContain(secret);
    }
    const contributions = watcher.doc
      .getMap(RunLayout.map)
      .get(RunLayout.contributions) as RevealedContribution[];
    expect(contributions.map((c) => c.author)).toEqual([null]);
    // The client ids that wrote the contribution are bound to nobody, in the history's answer too.
    const authors = await reader.session.ok<Record<string, unknown>>(
      "GET",
      `/api/exchanges/${exchange.exchangeId}/documents/${run.document.id}/history/authors`,
    );
    const revealIds = [...watcher.doc.store.clients.keys()].filter((id) => {
      const structs = watcher.doc.store.clients.get(id)!;
      return structs.some(
        (s) =>
          s instanceof Y.Item &&
          s.content instanceof Y.ContentString &&
          s.content.str.includes("anonymous-thought"),
      );
    });
    expect(revealIds.length).toBe(1);
    expect(JSON.stringify(authors)).not.toContain(String(revealIds[0]));
    for (const path of [
      `/api/exchanges/${exchange.exchangeId}/documents/${run.document.id}/history/authors`,
      `/api/exchanges/${exchange.exchangeId}/documents/${run.document.id}/versions`,
      `/api/exchanges/${exchange.exchangeId}/runs`,
    ]) {
      const answer = await exchange.facilitator.session.request("GET", path);
      expect(answer.status).toBe(200);
      expect(JSON.stringify(answer.body)).not.toContain(writer.participantId);
      expect(JSON.stringify(answer.body)).not.toContain("Zelda");
    }
    socket.socket.close();
    draft.destroy();
    watcher.destroy();
  });
});

describe("facilitated run: server-authoritative state", () => {
  it("refuses a client's update that writes into the run map, even a facilitator's", async () => {
    const run = await templatedDocument(exchange);
    await run.command(exchange.facilitator, AAR_PHASES);
    const forger = connectClient(server.wsUrl, run.room, {
      cookie: exchange.facilitator.session.cookie,
      mutual: true,
    });
    await forger.synced();
    forger.doc.getMap(RunLayout.map).set(RunLayout.state, { forged: true });
    await waitFor(() => forger.heard.refused.length > 0, "refused");
    const reader = connectClient(server.wsUrl, run.room, { cookie: exchange.facilitator.session.cookie });
    await reader.synced();
    expect(runStateOf(reader.doc)?.phases).toHaveLength(6);
    forger.destroy();
    reader.destroy();
  });

  it("votes: dots beyond the limit, one-dot rule, observers and closed votes are refused; tallies stay hidden until the vote closes", async () => {
    const run = await templatedDocument(exchange);
    const delegate = await exchange.join("delegate", "Val Voter");
    const observer = await exchange.join("observer", "Obi Observer");
    await run.command(exchange.facilitator, {
      ...AAR_PHASES,
      settings: { ...AAR_PHASES.settings, severalDotsOnOne: false },
    });
    const draft = await writeDraft(server.wsUrl, run.draftRoom(delegate.participantId), delegate, [
      { sectionId: "keep", text: "one" },
      { sectionId: "keep", text: "two" },
      { sectionId: "change", text: "three" },
      { sectionId: "change", text: "four" },
    ]);
    await run.command(exchange.facilitator, { type: "reveal" });
    const votes = `${run.base}/votes`;
    // Not a vote phase yet.
    const early = await delegate.session.request("PUT", votes, { dots: {} });
    expect(early.status).toBe(409);
    for (let i = 0; i < 3; i++) await run.command(exchange.facilitator, { type: "next" }); // write -> reveal -> discuss -> vote
    const state = (await run.command(exchange.facilitator, { type: "adjust", minutes: 0 })).body.state;
    expect(state.phases[state.current]!.kind).toBe("vote");
    const reader = connectClient(server.wsUrl, run.room, { cookie: delegate.session.cookie });
    await reader.synced();
    const ids = (reader.doc.getMap(RunLayout.map).get(RunLayout.contributions) as RevealedContribution[]).map(
      (c) => c.id,
    );
    expect(ids).toHaveLength(4);
    const tooMany = await delegate.session.request("PUT", votes, {
      dots: { [ids[0]!]: 1, [ids[1]!]: 1, [ids[2]!]: 1, [ids[3]!]: 1 },
    });
    expect(tooMany.status).toBe(400);
    const twoOnOne = await delegate.session.request("PUT", votes, { dots: { [ids[0]!]: 2 } });
    expect(twoOnOne.status).toBe(400);
    const unknown = await delegate.session.request("PUT", votes, { dots: { nope: 1 } });
    expect(unknown.status).toBe(400);
    const byObserver = await observer.session.request("PUT", votes, { dots: { [ids[0]!]: 1 } });
    expect(byObserver.status).toBe(403);
    const ok = await delegate.session.request<{ dots: Record<string, number> }>("PUT", votes, {
      dots: { [ids[0]!]: 1, [ids[1]!]: 1 },
    });
    expect(ok.status).toBe(200);
    const facilitatorDots = await exchange.facilitator.session.request("PUT", votes, {
      dots: { [ids[0]!]: 1 },
    });
    expect(facilitatorDots.status).toBe(200);
    // The facilitator's own answer holds their dots only: no tally anywhere.
    const mine = await exchange.facilitator.session.ok<{ dots: Record<string, number> }>("GET", votes);
    expect(mine).toEqual({ dots: { [ids[0]!]: 1 } });
    expect(reader.doc.getMap(RunLayout.map).get(RunLayout.tallies)).toBeUndefined();
    await run.command(exchange.facilitator, { type: "closeVote" });
    await waitFor(() => reader.doc.getMap(RunLayout.map).get(RunLayout.tallies) !== undefined, "tallies");
    expect(reader.doc.getMap(RunLayout.map).get(RunLayout.tallies)).toEqual({ [ids[0]!]: 2, [ids[1]!]: 1 });
    const late = await delegate.session.request("PUT", votes, { dots: { [ids[2]!]: 1 } });
    expect(late.status).toBe(409);
    draft.destroy();
    reader.destroy();
  });

  it("observers and delegates cannot steer; actions are validated and follow the run's rule", async () => {
    const run = await templatedDocument(exchange);
    const delegate = await exchange.join("delegate", "Dee Delegate");
    const observer = await exchange.join("observer", "Obe Observer");
    for (const who of [delegate, observer]) expect((await run.command(who, AAR_PHASES)).status).toBe(403);
    await run.command(exchange.facilitator, {
      ...AAR_PHASES,
      settings: { ...AAR_PHASES.settings, actionsBy: "facilitators" },
    });
    for (const who of [delegate, observer]) {
      expect((await run.command(who, { type: "next" })).status).toBe(403);
      expect((await run.command(who, { type: "reveal" })).status).toBe(403);
    }
    const action = {
      contributionId: null,
      what: "Send the checklist",
      owner: null,
      delegationId: null,
      due: "2027-01-31",
    };
    const actions = `${run.base}/actions`;
    expect((await delegate.session.request("POST", actions, action)).status).toBe(403);
    expect((await observer.session.request("POST", actions, action)).status).toBe(403);
    expect(
      (
        await exchange.facilitator.session.request("POST", actions, {
          ...action,
          owner: { participantId: "AAAAAAAAAAAAAAAA" },
        })
      ).status,
    ).toBe(400);
    expect(
      (await exchange.facilitator.session.request("POST", actions, { ...action, due: "2027-02-31x" })).status,
    ).toBe(400);
    expect(
      (await exchange.facilitator.session.request("POST", actions, { ...action, what: "  " })).status,
    ).toBe(400);
    const made = await exchange.facilitator.session.request<{ id: string }>("POST", actions, {
      ...action,
      owner: { participantId: delegate.participantId },
      delegationId: exchange.delegation.id,
    });
    expect(made.status).toBe(201);
    const done = await exchange.facilitator.session.request<{ status: string }>(
      "PATCH",
      `${actions}/${made.body.id}`,
      { status: "done" },
    );
    expect(done.body.status).toBe("done");
    const listed = await observer.session.ok<{
      actions: Array<{ id: string; status: string; documentId: string }>;
    }>("GET", `/api/exchanges/${exchange.exchangeId}/runs`);
    expect(listed.actions.find((a) => a.id === made.body.id)).toMatchObject({
      status: "done",
      documentId: run.document.id,
    });
  });

  it("the exchange's actions open only documents that have had a run, and remember the first start", async () => {
    const idle = await templatedDocument(exchange);
    const loads = () =>
      server.logs.filter((line) => line.event === "room.loaded" && line.room === idle.room).length;
    const runs = `/api/exchanges/${exchange.exchangeId}/runs`;
    const before = loads();
    await exchange.facilitator.session.ok("GET", runs);
    expect(loads()).toBe(before);
    const document = `/api/exchanges/${exchange.exchangeId}/documents/${idle.document.id}`;
    const listed = await exchange.facilitator.session.ok<{ document: DocumentInfo }>("GET", document);
    expect(listed.document).not.toHaveProperty("runStartedAt");
    expect((await idle.command(exchange.facilitator, AAR_PHASES)).status).toBe(200);
    const started = await exchange.facilitator.session.ok<{ document: DocumentInfo }>("GET", document);
    expect(started.document.runStartedAt).toEqual(expect.any(Number));
  });

  it("a locked section refuses a delegate's update (the facilitator's goes through); an unlocked one takes it", async () => {
    const run = await templatedDocument(exchange);
    const delegate = await exchange.join("delegate", "Lock Tester");
    await run.command(exchange.facilitator, AAR_PHASES);
    await run.command(exchange.facilitator, { type: "lock", sectionId: "keep", locked: true });
    const writer = connectClient(server.wsUrl, run.room, { cookie: delegate.session.cookie, mutual: true });
    const boss = connectClient(server.wsUrl, run.room, {
      cookie: exchange.facilitator.session.cookie,
      mutual: true,
    });
    await Promise.all([writer.synced(), boss.synced()]);
    await waitFor(() => runStateOf(writer.doc)?.locks.sections.includes("keep") === true, "lock seen");
    const paragraphIn = (doc: Y.Doc, sectionId: string) => {
      const section = doc
        .getXmlFragment("content")
        .toArray()
        .find((n) => n instanceof Y.XmlElement && n.getAttribute("sectionId") === sectionId) as Y.XmlElement;
      const paragraph = section.get(0) as Y.XmlElement;
      return { insert: (_at: number, text: string) => paragraph.insert(0, [new Y.XmlText(text)]) };
    };
    paragraphIn(writer.doc, "keep").insert(0, "delegate-in-locked");
    await waitFor(() => writer.heard.refused.includes("readOnly"), "refused");
    // As the app does after a refusal, the delegate's client starts again from the server's copy.
    const again = connectClient(server.wsUrl, run.room, { cookie: delegate.session.cookie, mutual: true });
    await again.synced();
    paragraphIn(again.doc, "change").insert(0, "delegate-in-open");
    paragraphIn(boss.doc, "keep").insert(0, "facilitator-in-locked");
    await waitFor(() => allText(boss.doc).includes("delegate-in-open"), "open section edit relayed");
    const fresh = connectClient(server.wsUrl, run.room, { cookie: exchange.facilitator.session.cookie });
    await fresh.synced();
    await waitFor(() => allText(fresh.doc).includes("facilitator-in-locked"), "facilitator's edit stored");
    expect(allText(fresh.doc)).not.toContain("delegate-in-locked");
    expect(allText(boss.doc)).not.toContain("delegate-in-locked");
    // Locking the whole document refuses even the open section.
    await run.command(exchange.facilitator, { type: "lock", sectionId: null, locked: true });
    const writer2 = connectClient(server.wsUrl, run.room, { cookie: delegate.session.cookie, mutual: true });
    await writer2.synced();
    paragraphIn(writer2.doc, "change").insert(0, "delegate-while-doc-locked");
    await waitFor(() => writer2.heard.refused.includes("readOnly"), "refused when the document is locked");
    await new Promise((r) => setTimeout(r, 200));
    expect(allText(fresh.doc)).not.toContain("delegate-while-doc-locked");
    for (const c of [writer, again, boss, fresh, writer2]) c.destroy();
  });

  it("three clients whose clocks are 5 minutes slow, right and 5 minutes fast show the same time left within a second", async () => {
    const run = await templatedDocument(exchange);
    await run.command(exchange.facilitator, AAR_PHASES);
    const reader = connectClient(server.wsUrl, run.room, { cookie: exchange.facilitator.session.cookie });
    await reader.synced();
    await waitFor(() => runStateOf(reader.doc) !== null, "run state");
    const { estimateServerOffset } = await import("../../client/features/run/serverOffset");
    const shown = await Promise.all(
      [-5 * 60_000, 0, 5 * 60_000].map(async (skew) => {
        const localNow = () => Date.now() + skew;
        const offset = await estimateServerOffset(async () => {
          const answer = await exchange.facilitator.session.ok<{ now: number }>("GET", `${run.base}/clock`);
          return answer.now;
        }, localNow);
        return remainingMs(runStateOf(reader.doc)!, localNow() + offset)!;
      }),
    );
    expect(shown[0]).toBeGreaterThan(7 * 60_000);
    expect(Math.max(...shown) - Math.min(...shown)).toBeLessThan(1000);
    reader.destroy();
  });
});
