import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { api } from "../../shared/api/paths";
import { deleteSession, moveSession, updateSession } from "../../shared/schema/agendaEdit";
import { SessionField, sessionsMap } from "../../shared/schema/agendaLayout";
import { readAgenda } from "../../shared/schema/agendaSession";
import { wallToInstant } from "../../shared/schema/agendaTime";
import { addTestSession } from "../support/agendaFixtures";
import { parseIcs } from "../support/agendaIcsParse";
import { type AgendaScene, agendaScene } from "../support/agendaScene";
import { type CollabClient, connectClient, waitFor } from "../support/collabClient";
import { type RunningServer, startServer } from "../support/server";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

const london = (date: string, hh: number, mm = 0) => wallToInstant(date, hh * 60 + mm, "Europe/London");

function seed(doc: Y.Doc) {
  const add = (id: string, title: string, start: number, end: number) =>
    addTestSession(doc, { id, title, start, end }, "seed");
  add("opening", "Opening plenary", london("2026-03-29", 9), london("2026-03-29", 10));
  add("coffee", "Coffee", london("2026-03-29", 10), london("2026-03-29", 10, 30));
  add("visit", "Site visit", london("2026-03-29", 11), london("2026-03-29", 13));
}

/** What both clients must agree on: each session's fields in agenda order, and the error rows. */
const shape = (doc: Y.Doc) => {
  const agenda = readAgenda(doc);
  return { sessions: agenda.sessions, broken: agenda.broken.map((b) => b.id) };
};

describe("agenda co-editing through the server", () => {
  let scene: AgendaScene;
  let a: CollabClient;
  let b: CollabClient;

  it("two clients editing fields, moving and deleting concurrently converge to the expected agenda", async () => {
    scene = await agendaScene(server.url);
    const member = await scene.join(scene.recife, "delegate", "Ana Souza", "pt-BR");
    a = connectClient(server.wsUrl, scene.room, {
      cookie: scene.exchange.facilitator.session.cookie,
      mutual: true,
    });
    b = connectClient(server.wsUrl, scene.room, { cookie: member.session.cookie, mutual: true });
    await Promise.all([a.synced(), b.synced()]);
    seed(a.doc);
    await waitFor(() => readAgenda(b.doc).sessions.length === 3, "b receives the seeded agenda");

    // Both go offline and edit the same agenda at once.
    a.provider.disconnect();
    b.provider.disconnect();
    // A: retitles the opening, moves the site visit to the top, retitles the coffee.
    updateSession(a.doc, "opening", { title: "Welcome and opening plenary" }, "a");
    moveSession(a.doc, readAgenda(a.doc).sessions, "visit", 0, "a");
    updateSession(a.doc, "coffee", { title: "Coffee and tea" }, "a");
    // B: sets the opening's place (another field), retitles the site visit (being moved), deletes the
    // coffee (being retitled) and writes notes into it.
    updateSession(b.doc, "opening", { place: "City Hall" }, "b");
    updateSession(b.doc, "visit", { title: "Site visit: Bedminster food hub" }, "b");
    const coffeeNotes = (sessionsMap(b.doc).get("coffee") as Y.Map<unknown>).get(
      SessionField.notes,
    ) as Y.XmlFragment;
    coffeeNotes.insert(0, [new Y.XmlElement("paragraph")]);
    deleteSession(b.doc, "coffee", "b");

    a.provider.connect();
    b.provider.connect();
    await waitFor(
      () =>
        JSON.stringify(shape(a.doc)) === JSON.stringify(shape(b.doc)) &&
        readAgenda(a.doc).sessions.length === 2,
      "both clients converge",
    );
    const agenda = readAgenda(a.doc);
    expect(agenda.broken).toEqual([]);
    expect(agenda.sessions.map((s) => [s.id, s.title, s.place, s.start, s.end])).toEqual([
      // The move exchanged slots: the visit starts where the opening did, the opening follows it.
      ["visit", "Site visit: Bedminster food hub", "", london("2026-03-29", 9), london("2026-03-29", 11)],
      [
        "opening",
        "Welcome and opening plenary",
        "City Hall",
        london("2026-03-29", 11),
        london("2026-03-29", 12),
      ],
    ]);

    // The server holds the same agenda: its .ics has both, at the merged times.
    // Read at once: the route waits for the changes on their way to the database.
    const response = await fetch(
      server.url + api.agendaCalendar(scene.exchange.exchangeId, scene.agenda.id),
      {
        headers: { Cookie: member.session.cookie ?? "" },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const { events } = parseIcs(await response.text());
    expect(events.map((e) => [e.summary, e.start, e.end])).toEqual([
      ["Site visit: Bedminster food hub", london("2026-03-29", 9), london("2026-03-29", 11)],
      ["Welcome and opening plenary", london("2026-03-29", 11), london("2026-03-29", 12)],
    ]);
  }, 30_000);

  it("a crafted update writing a malformed session becomes an error row; the rest and the .ics stay usable", async () => {
    a.doc.transact(() => {
      const bad = new Y.Map<unknown>();
      sessionsMap(a.doc).set("crafted", bad);
      bad.set(SessionField.title, "Crafted");
      bad.set(SessionField.start, "soon");
      bad.set(SessionField.zone, "Mars/Olympus_Mons");
    });
    await waitFor(() => readAgenda(b.doc).broken.length === 1, "b sees the error row");
    expect(readAgenda(b.doc).sessions.map((s) => s.id)).toEqual(["visit", "opening"]);
    const cookie = scene.exchange.facilitator.session.cookie ?? "";
    const url = server.url + api.agendaCalendar(scene.exchange.exchangeId, scene.agenda.id);
    // One day (home zone) and one session as files of their own; an unknown session is not found.
    const day = await fetch(`${url}?day=2026-03-29`, { headers: { Cookie: cookie } });
    expect(parseIcs(await day.text()).events.map((e) => e.summary)).toEqual([
      "Site visit: Bedminster food hub",
      "Welcome and opening plenary",
    ]);
    const other = await fetch(`${url}?day=2026-03-30`, { headers: { Cookie: cookie } });
    expect(parseIcs(await other.text()).events).toEqual([]);
    const one = await fetch(`${url}?session=opening`, { headers: { Cookie: cookie } });
    expect(one.headers.get("content-disposition")).toContain("attachment;");
    expect(parseIcs(await one.text()).events.map((e) => e.summary)).toEqual(["Welcome and opening plenary"]);
    expect((await fetch(`${url}?session=crafted`, { headers: { Cookie: cookie } })).status).toBe(404);
    expect((await fetch(`${url}?day=tomorrow`, { headers: { Cookie: cookie } })).status).toBe(400);
  });

  it("only members may download it, and only for agendas", async () => {
    const url = server.url + api.agendaCalendar(scene.exchange.exchangeId, scene.agenda.id);
    expect((await fetch(url)).status).toBe(401);
    const stranger = await agendaScene(server.url);
    const asStranger = await fetch(url, {
      headers: { Cookie: stranger.exchange.facilitator.session.cookie ?? "" },
    });
    expect(asStranger.status).toBe(403);
    const { document: notes } = await scene.exchange.newDocument("notes");
    const notAgenda = await fetch(server.url + api.agendaCalendar(scene.exchange.exchangeId, notes.id), {
      headers: { Cookie: scene.exchange.facilitator.session.cookie ?? "" },
    });
    expect(notAgenda.status).toBe(404);
    a.destroy();
    b.destroy();
  });
});
