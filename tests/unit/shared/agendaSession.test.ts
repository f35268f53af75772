import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { describeAgendaChanges } from "../../../shared/schema/agendaChanges";
import { addSession, updateSession } from "../../../shared/schema/agendaEdit";
import { SessionField, sessionsMap, workingHoursMap } from "../../../shared/schema/agendaLayout";
import { checkSessionFields, readAgenda } from "../../../shared/schema/agendaSession";
import { at, sessionFields } from "../../support/agendaFixtures";

const fields = (id: string, start: string, end: string) =>
  sessionFields({ id, start: at(start), end: at(end) });

describe("session validation", () => {
  it("accepts a full session", () => {
    expect(
      checkSessionFields({
        ...fields("a", "2026-05-04T09:00:00Z", "2026-05-04T10:00:00Z"),
        languages: ["pt-BR", "zh-CN", "en"],
        interpretation: [{ from: "pt-BR", to: "zh-CN" }],
        leads: [{ participantId: "participant1" }, { name: "Dr. Ana Souza" }],
        link: "https://meet.example.org/abc",
        documents: ["document0001"],
      }),
    ).toEqual([]);
  });

  it("names each problem of typed-in fields", () => {
    const problems = checkSessionFields({
      ...fields("a", "2026-05-04T10:00:00Z", "2026-05-04T09:00:00Z"),
      title: "x".repeat(201),
      zone: "Mars/Olympus_Mons",
      link: "javascript:alert(1)",
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: "title", problem: "titleTooLong" },
        { field: "zone", problem: "unknownZone" },
        { field: "link", problem: "badLink" },
      ]),
    );
    // End before start is checked once the fields themselves are sound.
    expect(checkSessionFields(fields("a", "2026-05-04T10:00:00Z", "2026-05-04T09:00:00Z"))).toEqual([
      { field: "end", problem: "endBeforeStart" },
    ]);
    expect(
      checkSessionFields({ ...fields("a", "2026-05-04T09:00:00Z", "2026-05-04T10:00:00Z"), title: "  " }),
    ).toEqual([{ field: "title", problem: "titleRequired" }]);
  });
});

describe("reading an agenda from its Y.Doc", () => {
  it("reads a malformed session (as a crafted update would write it) as an error row, the rest as usual", () => {
    const doc = new Y.Doc();
    addSession(doc, "good1", fields("good1", "2026-05-04T09:00:00Z", "2026-05-04T10:00:00Z"), null);
    addSession(doc, "good2", fields("good2", "2026-05-04T08:00:00Z", "2026-05-04T08:30:00Z"), null);
    // A crafted update from another client: nonsense in three different ways.
    const crafted = new Y.Doc();
    Y.applyUpdate(crafted, Y.encodeStateAsUpdate(doc));
    const bad = new Y.Map<unknown>();
    sessionsMap(crafted).set("bad1", bad);
    bad.set(SessionField.title, "Broken");
    bad.set(SessionField.start, "tomorrow");
    sessionsMap(crafted).set("bad2", "not a map" as unknown as Y.Map<unknown>);
    const nested = crafted.transact(() => {
      const m = new Y.Map<unknown>();
      sessionsMap(crafted).set("bad3", m);
      return m;
    });
    for (const [key, value] of Object.entries(fields("bad3", "2026-05-04T11:00:00Z", "2026-05-04T12:00:00Z")))
      nested.set(key, value);
    nested.set(SessionField.title, new Y.Array());
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(crafted, Y.encodeStateVector(doc)));

    const agenda = readAgenda(doc);
    expect(agenda.sessions.map((s) => s.id)).toEqual(["good2", "good1"]);
    expect(agenda.broken.map((b) => b.id)).toEqual(["bad1", "bad2", "bad3"]);
    expect(agenda.broken[0]?.title).toBe("Broken");
    expect(agenda.broken[1]?.problems).toEqual([{ field: "", problem: "malformed" }]);
    expect(agenda.broken[2]?.problems.length).toBeGreaterThan(0);
  });
});

describe("describeAgendaChanges", () => {
  it("names sessions added, removed and the fields changed", () => {
    const before = new Y.Doc();
    addSession(before, "keep", fields("keep", "2026-05-04T09:00:00Z", "2026-05-04T10:00:00Z"), null);
    addSession(before, "gone", fields("gone", "2026-05-04T11:00:00Z", "2026-05-04T12:00:00Z"), null);
    const after = new Y.Doc();
    Y.applyUpdate(after, Y.encodeStateAsUpdate(before));
    updateSession(after, "keep", { title: "Opening plenary", place: "Council chamber" }, null);
    const notes = (sessionsMap(after).get("keep") as Y.Map<unknown>).get(SessionField.notes) as Y.XmlFragment;
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("Bring the maps")]);
    notes.insert(0, [paragraph]);
    sessionsMap(after).delete("gone");
    addSession(after, "new", fields("new", "2026-05-05T09:00:00Z", "2026-05-05T10:00:00Z"), null);
    workingHoursMap(after).set("delegation01", { start: 420, end: 1020 });

    expect(describeAgendaChanges(before, after)).toEqual([
      {
        kind: "sessionChanged",
        sessionId: "keep",
        title: "Opening plenary",
        fields: ["title", "place", "notes"],
      },
      { kind: "sessionAdded", sessionId: "new", title: "Session new" },
      { kind: "sessionRemoved", sessionId: "gone", title: "Session gone" },
      { kind: "workingHoursChanged", delegationId: "delegation01" },
    ]);
    expect(describeAgendaChanges(after, after)).toEqual([]);
  });
});
