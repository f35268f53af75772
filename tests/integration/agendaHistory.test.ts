import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import type {
  AgendaHistoryChange,
  CompareResult,
  ReplayPlan,
  ReplayState,
  VersionState,
  VersionSummary,
} from "../../shared/api/history";
import { deleteSession, setWorkingHours, updateSession } from "../../shared/schema/agendaEdit";
import { readAgenda } from "../../shared/schema/agendaSession";
import { wallToInstant } from "../../shared/schema/agendaTime";
import { addTestSession } from "../support/agendaFixtures";
import { agendaScene } from "../support/agendaScene";
import { type CollabClient, connectClient, waitFor } from "../support/collabClient";
import { type RunningServer, startServer } from "../support/server";

let server: RunningServer;
const clients: CollabClient[] = [];
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server.stop();
});

const london = (hh: number, mm = 0) => wallToInstant("2026-03-30", hh * 60 + mm, "Europe/London");
const add = (doc: Y.Doc, id: string, title: string, start: number, end: number) =>
  addTestSession(doc, { id, title, start, end }, "test");

describe("history of an agenda", () => {
  it("compares two versions field by field, each change with the person and delegation that made it", async () => {
    const scene = await agendaScene(server.url);
    const ana = await scene.join(scene.recife, "delegate", "Ana Souza", "pt-BR");
    const li = await scene.join(scene.chengdu, "delegate", "Li Wei", "zh-CN");
    const connect = (cookie: string | null) => {
      const client = connectClient(server.wsUrl, scene.room, { cookie, mutual: true });
      clients.push(client);
      return client;
    };
    const a = connect(ana.session.cookie);
    const l = connect(li.session.cookie);
    await Promise.all([a.synced(), l.synced()]);
    const base = `/api/exchanges/${scene.exchange.exchangeId}/documents/${scene.agenda.id}`;
    const name = (versionName: string) =>
      ana.session.ok<VersionSummary>("POST", `${base}/versions`, { name: versionName });

    // Version 1: Ana (Recife) builds the first day.
    add(a.doc, "opening", "Opening plenary", london(9), london(10));
    add(a.doc, "visit", "Site visit", london(11), london(13));
    await waitFor(() => readAgenda(l.doc).sessions.length === 2, "Li has Ana's sessions");
    const v1 = await name("Draft");

    // Version 2: Li (Chengdu) moves the opening earlier and adds Chinese; Ana retitles it and
    // removes the site visit; Li adds a lunch and sets Chengdu's working hours.
    updateSession(l.doc, "opening", { start: london(8), languages: ["en", "zh-CN"] }, "test");
    updateSession(a.doc, "opening", { title: "Welcome plenary" }, "test");
    deleteSession(a.doc, "visit", "test");
    add(l.doc, "lunch", "Lunch", london(12), london(13));
    setWorkingHours(l.doc, scene.chengdu.id, { start: 7 * 60, end: 19 * 60 }, "test");
    await waitFor(() => {
      const seen = readAgenda(a.doc);
      return seen.sessions.length === 2 && seen.sessions.some((s) => s.id === "lunch");
    }, "Ana sees Li's lunch");
    await waitFor(() => readAgenda(l.doc).sessions[0]?.title === "Welcome plenary", "Li sees Ana's title");
    const v2 = await name("Agreed");

    const compared = await scene.exchange.facilitator.session.ok<CompareResult>(
      "GET",
      `${base}/versions/compare?from=${v1.id}&to=${v2.id}`,
    );
    const agenda = compared.agenda ?? [];
    const byAna = { participantId: ana.participantId, delegationId: scene.recife.id };
    const byLi = { participantId: li.participantId, delegationId: scene.chengdu.id };
    const find = (kind: AgendaHistoryChange["kind"], id: string) =>
      agenda.find((c) => c.kind === kind && c.id === id);

    const opening = find("sessionChanged", "opening")!;
    expect(opening.fields.map((f) => f.field).sort()).toEqual(["languages", "start", "title"]);
    const field = (name: string) => opening.fields.find((f) => f.field === name);
    expect(field("title")).toEqual({
      field: "title",
      before: "Opening plenary",
      after: "Welcome plenary",
      by: [byAna],
    });
    expect(field("start")).toEqual({ field: "start", before: london(9), after: london(8), by: [byLi] });
    expect(field("languages")).toEqual({
      field: "languages",
      before: [],
      after: ["en", "zh-CN"],
      by: [byLi],
    });
    expect(opening.zone).toBe("Europe/London");

    expect(find("sessionRemoved", "visit")).toMatchObject({ title: "Site visit", by: [byAna] });
    expect(find("sessionAdded", "lunch")).toMatchObject({ title: "Lunch", by: [byLi] });
    expect(find("workingHoursChanged", scene.chengdu.id)?.fields).toEqual([
      { field: "workingHours", after: { start: 420, end: 1140 }, by: [byLi] },
    ]);
    expect(agenda).toHaveLength(4);
    // Names and colours of everyone the list mentions come with it.
    expect(compared.people[ana.participantId]?.name).toBe("Ana Souza");
    expect(compared.people[li.participantId]?.name).toBe("Li Wei");
    expect(compared.delegations[scene.chengdu.id]?.name).toBe(scene.chengdu.name);

    // The first version against the empty agenda: both sessions added by Ana.
    const fromEmpty = await ana.session.ok<CompareResult>(
      "GET",
      `${base}/versions/compare?from=0&to=${v1.id}`,
    );
    expect(fromEmpty.agenda?.map((c) => [c.kind, c.id, c.by])).toEqual([
      ["sessionAdded", "opening", [byAna]],
      ["sessionAdded", "visit", [byAna]],
    ]);

    // A version view says it is an agenda; replay steps carry the sessions of the time.
    const state = await li.session.ok<VersionState>("GET", `${base}/versions/${v1.id}`);
    expect(state.agenda).toBe(true);
    const plan = await li.session.ok<ReplayPlan>("GET", `${base}/history/replay`);
    const last = plan.frames.at(-1)!;
    const replayed = await li.session.ok<ReplayState>("GET", `${base}/history/replay?seq=${last.seq}`);
    expect(replayed.agenda?.map((s) => s.title)).toEqual(["Welcome plenary", "Lunch"]);
  });
});
