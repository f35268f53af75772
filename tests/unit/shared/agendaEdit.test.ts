import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  deleteSession,
  duplicateSession,
  moveDay,
  moveSession,
  updateSession,
} from "../../../shared/schema/agendaEdit";
import { SessionField, sessionsMap } from "../../../shared/schema/agendaLayout";
import { readAgenda } from "../../../shared/schema/agendaSession";
import { instantToWall } from "../../../shared/schema/agendaTime";
import { addTestSession, at } from "../../support/agendaFixtures";

function seed(): Y.Doc {
  const doc = new Y.Doc();
  const add = (id: string, start: string, end: string) =>
    addTestSession(doc, { id, start: at(start), end: at(end) });
  add("s1", "2026-03-28T09:00:00Z", "2026-03-28T10:00:00Z");
  add("s2", "2026-03-28T10:30:00Z", "2026-03-28T11:00:00Z");
  add("s3", "2026-03-28T11:00:00Z", "2026-03-28T12:30:00Z");
  return doc;
}

/** Two replicas of one agenda, edited apart then exchanging their changes both ways. */
function replicas(): [Y.Doc, Y.Doc, () => void] {
  const a = seed();
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  const sync = () => {
    const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
    const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
    Y.applyUpdate(b, toB);
    Y.applyUpdate(a, toA);
  };
  return [a, b, sync];
}

const order = (doc: Y.Doc) => readAgenda(doc).sessions.map((s) => s.id);
const byId = (doc: Y.Doc, id: string) => readAgenda(doc).sessions.find((s) => s.id === id);

describe("agenda edits", () => {
  it("moving a session exchanges time slots, so the times read in the order shown", () => {
    const doc = seed();
    moveSession(doc, readAgenda(doc).sessions, "s1", 2, null);
    expect(order(doc)).toEqual(["s2", "s3", "s1"]);
    const [s2, s3, s1] = readAgenda(doc).sessions;
    if (!s1 || !s2 || !s3) throw new Error("three sessions");
    expect([s2.start, s2.end]).toEqual([at("2026-03-28T09:00:00Z"), at("2026-03-28T09:30:00Z")]);
    // s3 keeps its 1.5 h; the gaps (none after s2 before) are kept in turn.
    expect(s3.end - s3.start).toBe(1.5 * 3600_000);
    expect(s1.end - s1.start).toBe(3600_000);
    expect(s1.start).toBeGreaterThanOrEqual(s3.end);
  });

  it("two people editing different fields of one session both keep their change", () => {
    const [a, b, sync] = replicas();
    updateSession(a, "s2", { title: "Coffee and tea" }, "a");
    updateSession(b, "s2", { place: "Foyer", type: "break" }, "b");
    sync();
    for (const doc of [a, b])
      expect(byId(doc, "s2")).toMatchObject({ title: "Coffee and tea", place: "Foyer", type: "break" });
  });

  it("a move concurrent with an edit neither loses nor duplicates the session", () => {
    const [a, b, sync] = replicas();
    moveSession(a, readAgenda(a).sessions, "s3", 0, "a");
    updateSession(b, "s3", { title: "Site visit: Bedminster food hub" }, "b");
    sync();
    expect(order(a)).toEqual(order(b));
    expect(order(a)).toEqual(["s3", "s1", "s2"]);
    expect(byId(a, "s3")?.title).toBe("Site visit: Bedminster food hub");
    expect(readAgenda(a).sessions).toHaveLength(3);
  });

  it("a deletion concurrent with an edit deletes", () => {
    const [a, b, sync] = replicas();
    deleteSession(a, "s2", "a");
    updateSession(b, "s2", { title: "Renamed while deleted" }, "b");
    const notes = (sessionsMap(b).get("s2") as Y.Map<unknown>).get(SessionField.notes) as Y.XmlFragment;
    notes.insert(0, [new Y.XmlElement("paragraph")]);
    sync();
    for (const doc of [a, b]) {
      expect(order(doc)).toEqual(["s1", "s3"]);
      expect(readAgenda(doc).broken).toEqual([]);
    }
  });

  it("duplicates a session with its notes, right after it", () => {
    const doc = seed();
    const source = (sessionsMap(doc).get("s1") as Y.Map<unknown>).get(SessionField.notes) as Y.XmlFragment;
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText("Agenda of the visit")]);
    source.insert(0, [p]);
    const s1 = byId(doc, "s1");
    if (!s1) throw new Error("seeded");
    duplicateSession(doc, s1, "s1copy", null);
    const copy = byId(doc, "s1copy");
    expect(copy).toMatchObject({ title: s1.title, start: s1.end, end: s1.end + 3600_000 });
    expect(readAgenda(doc).notes.get("s1copy")?.toString()).toContain("Agenda of the visit");
  });

  it("moves a whole day across the London change keeping its wall-clock times", () => {
    const doc = seed();
    moveDay(doc, readAgenda(doc).sessions, 1, null);
    const moved = readAgenda(doc).sessions.map((s) => instantToWall(s.start, "Europe/London"));
    expect(moved).toEqual([
      { date: "2026-03-29", minutes: 9 * 60 },
      { date: "2026-03-29", minutes: 10 * 60 + 30 },
      { date: "2026-03-29", minutes: 11 * 60 },
    ]);
    expect(byId(doc, "s1")?.start).toBe(at("2026-03-29T08:00:00Z"));
  });
});
