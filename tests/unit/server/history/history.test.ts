import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createHistoryService, type HistoryService } from "../../../../server/history/historyService";
import { silentLogger } from "../../../../server/log";
import type { DocumentStorage } from "../../../../server/storage/DocumentStorage";
import { encodeUpdateBatch } from "../../../../server/storage/journal/journalFormat";
import {
  openSqliteDatabase,
  type SqliteDatabase,
} from "../../../../server/storage/sqlite/openSqliteDatabase";
import { createSqliteDocumentStorage } from "../../../../server/storage/sqlite/SqliteDocumentStorage";
import type { HistoryNode } from "../../../../shared/api/history";
import { DocumentLayout } from "../../../../shared/schema/documentLayout";

const ROOM = "exchange0001/document0001";
let db: SqliteDatabase;
let storage: DocumentStorage;
let history: HistoryService;

beforeEach(() => {
  db = openSqliteDatabase(":memory:");
  storage = createSqliteDocumentStorage(db);
  history = createHistoryService({
    storage,
    // These tests never restore: the live rooms are not needed.
    rooms: {
      join: () => Promise.reject(new Error("no rooms here")),
      leave() {},
      flushWrites: async () => {},
    },
    log: silentLogger,
  });
});
afterEach(() => {
  history.close();
  db.close();
});

/** Writes what `change` does to `doc` to the log as `author`, binding the doc's client id unless `bind` is false. */
async function write(
  doc: Y.Doc,
  author: string | null,
  change: (content: Y.XmlFragment) => void,
  bind = true,
) {
  const before = Y.encodeStateVector(doc);
  change(doc.getXmlFragment(DocumentLayout.content));
  const update = Y.encodeStateAsUpdate(doc, before);
  await storage.appendUpdates(
    encodeUpdateBatch([
      { documentName: ROOM, update, author, newClientIds: bind && author ? [doc.clientID] : [] },
    ]),
  );
}
const paragraph = (text: string) => {
  const element = new Y.XmlElement("paragraph");
  element.insert(0, [new Y.XmlText(text)]);
  return element;
};
function changedRuns(doc: HistoryNode): Array<[string, string, string | null]> {
  const runs: Array<[string, string, string | null]> = [];
  const walk = (node: HistoryNode) => {
    const mark = node.marks?.find((m) => m.type === "historyChange");
    if (mark && node.text)
      runs.push([mark.attrs!.kind as string, node.text, mark.attrs!.participantId as string | null]);
    for (const child of node.content ?? []) walk(child);
  };
  walk(doc);
  return runs;
}

describe("history service", () => {
  it("recordRunEvent makes a version marked with the facilitated run's event", async () => {
    const doc = new Y.Doc();
    await write(doc, "ana", (content) => content.push([paragraph("Problem statement")]));
    const version = await history.recordRunEvent(ROOM, { type: "phase", phase: "diverge" });
    expect(version.kind).toBe("run-event");
    expect(version.event).toEqual({ type: "phase", phase: "diverge" });
    await history.recordRunEvent(ROOM, { type: "reveal" });
    await history.recordRunEvent(ROOM, { type: "close" });
    const listed = await history.listVersions(ROOM, { limit: 10 });
    expect(listed.map((v) => v.event?.type)).toEqual(["close", "reveal", "phase"]);
    // Only the first covers a change; the later ones mark the same point.
    expect(listed.map((v) => v.contributors.length)).toEqual([0, 0, 1]);
  });

  it("an automatic version only marks new changes", async () => {
    const doc = new Y.Doc();
    expect(await history.createVersion(ROOM, { kind: "auto" })).toBeNull();
    await write(doc, "ana", (content) => content.push([paragraph("One")]));
    expect(await history.createVersion(ROOM, { kind: "auto" })).not.toBeNull();
    expect(await history.createVersion(ROOM, { kind: "auto" })).toBeNull();
  });

  it("shows content under client ids bound to nobody as anonymous, with the deletions that came with it", async () => {
    const ana = new Y.Doc();
    await write(ana, "ana", (content) => content.push([paragraph("Ana's idea")]));
    const v1 = await history.createVersion(ROOM, { kind: "named", name: "one" });
    // A facilitated run's anonymous contribution: stored with its author, under an unbound client id.
    const anonymous = new Y.Doc();
    Y.applyUpdate(anonymous, Y.encodeStateAsUpdate(ana));
    await write(
      anonymous,
      "li",
      (content) => {
        content.push([paragraph("Secret note")]);
        ((content.get(0) as Y.XmlElement).get(0) as Y.XmlText).delete(0, 6);
      },
      false,
    );
    const v2 = await history.createVersion(ROOM, { kind: "named", name: "two" });
    const result = await history.compare(ROOM, v1!.id, v2!.id);
    expect(changedRuns(JSON.parse(result.docJson) as HistoryNode)).toEqual([
      ["delete", "Ana's ", null],
      ["insert", "Secret note", null],
    ]);
    expect(result.totals).toEqual([
      { delegationId: null, anonymous: true, participantIds: [], added: 2, removed: 1 },
    ]);
    expect(v2!.contributors).toEqual([{ participantId: null, delegationId: null }]);
    const plan = await history.replayPlan(ROOM);
    expect(plan.at(-1)!.authors).toEqual([{ participantId: null, delegationId: null }]);
  });

  it("marks text both versions have but format differently, by whoever changed the formatting", async () => {
    const ana = new Y.Doc();
    await write(ana, "ana", (content) => content.push([paragraph("Reduce waste at the market")]));
    const v1 = await history.createVersion(ROOM, { kind: "named", name: "plain" });
    // Bruno makes "waste" bold and adds a word; Ana's text is otherwise unchanged.
    const bruno = new Y.Doc();
    Y.applyUpdate(bruno, Y.encodeStateAsUpdate(ana));
    await write(bruno, "bruno", (content) => {
      const text = (content.get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.format(7, 5, { bold: {} });
      text.insert(text.length, " now");
    });
    const v2 = await history.createVersion(ROOM, { kind: "named", name: "bold" });
    const bolded = await history.compare(ROOM, v1!.id, v2!.id);
    const doc = JSON.parse(bolded.docJson) as HistoryNode;
    expect(changedRuns(doc)).toEqual([
      ["format", "waste", "bruno"],
      ["insert", " now", "bruno"],
    ]);
    // Shown as it is now (bold), and the summary counts only the word written.
    const waste = doc.content![0]!.content![1]!;
    expect(waste.marks?.map((m) => m.type)).toEqual(["bold", "historyChange"]);
    expect(bolded.totals.map((t) => [t.added, t.removed])).toEqual([[1, 0]]);

    // Ana takes the bold away again: her change, and nothing else marked.
    Y.applyUpdate(ana, Y.encodeStateAsUpdate(bruno));
    await write(ana, "ana", (content) =>
      ((content.get(0) as Y.XmlElement).get(0) as Y.XmlText).format(7, 5, { bold: null }),
    );
    const v3 = await history.createVersion(ROOM, { kind: "named", name: "plain again" });
    expect(changedRuns(JSON.parse((await history.compare(ROOM, v2!.id, v3!.id)).docJson))).toEqual([
      ["format", "waste", "ana"],
    ]);
    // Across all three, nothing about "waste" changed.
    expect(changedRuns(JSON.parse((await history.compare(ROOM, v1!.id, v3!.id)).docJson))).toEqual([
      ["insert", " now", "bruno"],
    ]);
  });

  it("keeps checkpoints as the log grows, and renders versions before and after them the same as from the log", async () => {
    const doc = new Y.Doc();
    const versions: number[] = [];
    for (let round = 0; round < 12; round++) {
      for (let i = 0; i < 40; i++) {
        await write(doc, "ana", (content) =>
          content.push([paragraph(`Round ${round} line ${i} `.repeat(8))]),
        );
      }
      await write(doc, "ana", (content) => content.delete(0, 5));
      versions.push((await history.createVersion(ROOM, { kind: "auto" }))!.id);
    }
    const checkpoints = db
      .prepare("SELECT through_seq, LENGTH(data) AS bytes FROM history_checkpoints")
      .all();
    expect(checkpoints.length).toBeGreaterThan(1);
    const logBytes = await storage.logBytes(ROOM);
    const checkpointBytes = (checkpoints as Array<{ bytes: number }>).reduce((sum, c) => sum + c.bytes, 0);
    expect(checkpointBytes).toBeLessThan(3 * logBytes);
    // The document at each version from checkpoints equals the document replayed from the whole log.
    for (const id of versions) {
      const { version, state } = await history.versionState(ROOM, id);
      const fromLog = new Y.Doc();
      for (const { update } of await storage.listUpdates(ROOM, { throughSeq: version.throughSeq }))
        Y.applyUpdate(fromLog, update);
      const rendered = new Y.Doc();
      Y.applyUpdate(rendered, state);
      expect(rendered.getXmlFragment(DocumentLayout.content).toString()).toBe(
        fromLog.getXmlFragment(DocumentLayout.content).toString(),
      );
    }
    const first = await history.compare(ROOM, versions[0]!, versions.at(-1)!);
    expect(first.totals[0]!.added).toBeGreaterThan(0);
    expect(first.totals[0]!.removed).toBeGreaterThan(0);
  });
});
