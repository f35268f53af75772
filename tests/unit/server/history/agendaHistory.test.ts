import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { collectChanges } from "../../../../server/history/changeRanges";
import { compareDocuments } from "../../../../server/history/compareVersions";
import type { ClientBinding, LoggedUpdate } from "../../../../server/storage/DocumentStorage";
import type { AgendaHistoryChange } from "../../../../shared/api/history";
import {
  addSession,
  deleteSession,
  setWorkingHours,
  updateSession,
} from "../../../../shared/schema/agendaEdit";
import type { SessionFields } from "../../../../shared/schema/agendaLayout";
import { sessionFields } from "../../../support/agendaFixtures";

/**
 * Agenda history: the change list between two versions names each changed session and field with
 * its values and the person and delegation the server recorded for the update that carried it.
 */
const START = Date.UTC(2026, 2, 30, 12);
const fields = (title: string, hour: number): SessionFields =>
  sessionFields({
    id: title,
    title,
    start: START + hour * 3600_000,
    end: START + (hour + 1) * 3600_000,
    languages: ["en"],
  });

/** A server-side log: every participant writes through its own Y.Doc, stored with its delegation. */
function agendaLog() {
  const server = new Y.Doc({ gc: false });
  const log: LoggedUpdate[] = [];
  const bindings: ClientBinding[] = [];
  const people = new Map<string, Y.Doc>();
  const as = (participantId: string, delegationId: string, change: (doc: Y.Doc) => void) => {
    let doc = people.get(participantId);
    if (!doc) {
      doc = new Y.Doc();
      people.set(participantId, doc);
      bindings.push({ clientId: doc.clientID, participantId, delegationId });
    }
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
    // What a client sends: its transaction's update (its own deletions only, as on the wire).
    const updates: Uint8Array[] = [];
    const record = (update: Uint8Array) => updates.push(update);
    doc.on("update", record);
    change(doc);
    doc.off("update", record);
    const update = Y.mergeUpdates(updates);
    Y.applyUpdate(server, update);
    log.push({ seq: log.length + 1, update, author: participantId, delegationId, createdAt: 0 });
  };
  const version = () => ({ seq: log.length, stateVector: Y.encodeStateVector(server) });
  const compare = (from: { seq: number; stateVector: Uint8Array }): AgendaHistoryChange[] => {
    const bound = new Set(bindings.map((b) => b.clientId));
    const result = compareDocuments({
      after: server,
      beforeStateVector: from.stateVector,
      changes: collectChanges(log.slice(from.seq), bound),
      bindings,
      agenda: true,
    });
    return result.agenda ?? [];
  };
  return { server, as, version, compare };
}

const noteOf = (doc: Y.Doc, id: string) =>
  (doc.getMap("agendaSessions").get(id) as Y.Map<unknown>).get("notes") as Y.XmlFragment;

describe("agenda history changes", () => {
  it("lists added and removed sessions and each changed field with before, after and its author", () => {
    const log = agendaLog();
    log.as("ana", "recife", (doc) => {
      addSession(doc, "opening", fields("Opening", 0), null);
      addSession(doc, "visit", fields("Site visit", 2), null);
    });
    const v1 = log.version();
    log.as("ana", "recife", (doc) => updateSession(doc, "opening", { title: "Welcome" }, null));
    log.as("li", "chengdu", (doc) =>
      updateSession(doc, "opening", { start: START - 3600_000, languages: ["en", "zh"] }, null),
    );
    log.as("li", "chengdu", (doc) => deleteSession(doc, "visit", null));
    log.as("ana", "recife", (doc) =>
      addSession(doc, "lunch", { ...fields("Lunch", 3), type: "break" }, null),
    );
    log.as("li", "chengdu", (doc) => {
      const text = new Y.XmlText("Bring badges");
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [text]);
      noteOf(doc, "opening").insert(0, [paragraph]);
    });
    log.as("ana", "recife", (doc) => setWorkingHours(doc, "chengdu", { start: 7 * 60, end: 19 * 60 }, null));

    const changes = log.compare(v1);
    const ana = { participantId: "ana", delegationId: "recife" };
    const li = { participantId: "li", delegationId: "chengdu" };

    const opening = changes.find((c) => c.id === "opening")!;
    expect(opening.kind).toBe("sessionChanged");
    expect(opening.title).toBe("Welcome");
    const byField = Object.fromEntries(opening.fields.map((f) => [f.field, f]));
    expect(Object.keys(byField).sort()).toEqual(["languages", "notes", "start", "title"]);
    expect(byField.title).toMatchObject({ before: "Opening", after: "Welcome", by: [ana] });
    expect(byField.start).toMatchObject({ before: START, after: START - 3600_000, by: [li] });
    expect(byField.languages).toMatchObject({ before: ["en"], after: ["en", "zh"], by: [li] });
    expect(byField.notes).toMatchObject({ before: "", after: "Bring badges", by: [li] });
    expect(opening.by).toEqual(expect.arrayContaining([ana, li]));

    expect(changes.find((c) => c.id === "visit")).toMatchObject({
      kind: "sessionRemoved",
      title: "Site visit",
      by: [li],
    });
    expect(changes.find((c) => c.id === "lunch")).toMatchObject({ kind: "sessionAdded", by: [ana] });
    expect(changes.find((c) => c.kind === "workingHoursChanged")).toMatchObject({
      id: "chengdu",
      fields: [{ field: "workingHours", before: undefined, after: { start: 420, end: 1140 }, by: [ana] }],
    });
  });

  it("compares only what changed between the two versions, and a cleared field names who cleared it", () => {
    const log = agendaLog();
    log.as("ana", "recife", (doc) =>
      addSession(doc, "opening", { ...fields("Opening", 0), place: "Hall" }, null),
    );
    log.as("li", "chengdu", (doc) => updateSession(doc, "opening", { title: "Opening plenary" }, null));
    const v1 = log.version();
    log.as("bo", "bristol", (doc) => updateSession(doc, "opening", { place: "" }, null));
    const changes = log.compare(v1);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.fields).toEqual([
      { field: "place", before: "Hall", after: "", by: [{ participantId: "bo", delegationId: "bristol" }] },
    ]);
  });

  it("an edit of notes' text deleted between versions is attributed to who deleted it", () => {
    const log = agendaLog();
    log.as("ana", "recife", (doc) => {
      addSession(doc, "opening", fields("Opening", 0), null);
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText("Old note")]);
      noteOf(doc, "opening").insert(0, [paragraph]);
    });
    const v1 = log.version();
    log.as("bo", "bristol", (doc) => noteOf(doc, "opening").delete(0, 1));
    const [change] = log.compare(v1);
    expect(change!.fields).toEqual([
      {
        field: "notes",
        before: "Old note",
        after: "",
        by: [{ participantId: "bo", delegationId: "bristol" }],
      },
    ]);
  });

  it("a session a crafted update made unreadable is listed as changed as a whole, with who wrote it", () => {
    const log = agendaLog();
    log.as("ana", "recife", (doc) => addSession(doc, "opening", fields("Opening", 0), null));
    const v1 = log.version();
    log.as("bo", "bristol", (doc) =>
      (doc.getMap("agendaSessions").get("opening") as Y.Map<unknown>).set("start", "tomorrow"),
    );
    expect(log.compare(v1)).toEqual([
      {
        kind: "sessionChanged",
        id: "opening",
        title: "Opening",
        start: START,
        end: START + 3600_000,
        zone: "Europe/London",
        fields: [{ field: "*", by: [{ participantId: "bo", delegationId: "bristol" }] }],
        by: [{ participantId: "bo", delegationId: "bristol" }],
      },
    ]);
  });

  it("a document that is not an agenda gets no agenda list", () => {
    const doc = new Y.Doc({ gc: false });
    const result = compareDocuments({
      after: doc,
      beforeStateVector: Y.encodeStateVector(doc),
      changes: [],
      bindings: [],
    });
    expect(result.agenda).toBeUndefined();
  });
});
