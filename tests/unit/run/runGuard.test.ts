import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { runRefusal } from "../../../server/collab/runGuard";
import { DEFAULT_RUN_SETTINGS, type RunState, startRun } from "../../../shared/run/runState";
import { DocumentLayout, TemplateLayout } from "../../../shared/schema/documentLayout";
import { RunLayout } from "../../../shared/schema/runLayout";

/** The server's copy of a templated document with two sections ("keep", "change"), each with a paragraph. */
function serverDoc(run: ((state: RunState) => RunState) | null): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    doc.getMap(DocumentLayout.template).set(TemplateLayout.definition, { id: "t" });
    const content = doc.getXmlFragment(DocumentLayout.content);
    for (const id of ["keep", "change"]) {
      const section = new Y.XmlElement(TemplateLayout.sectionNode);
      section.setAttribute(TemplateLayout.sectionIdAttribute, id);
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText(`${id} text`)]);
      section.insert(0, [paragraph]);
      content.insert(content.length, [section]);
    }
    if (run)
      doc
        .getMap(RunLayout.map)
        .set(RunLayout.state, run(startRun([{ kind: "write", minutes: 5 }], DEFAULT_RUN_SETTINGS, 0)));
  });
  return doc;
}

/** What a client holding the server's copy sends after `change`, checked as the room would. */
function check(server: Y.Doc, change: (doc: Y.Doc) => void, mayEditLocked = false) {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  let update: Uint8Array | null = null;
  client.on("update", (bytes: Uint8Array) => {
    update = bytes;
  });
  client.transact(() => change(client));
  const decoded = Y.decodeUpdate(update!);
  return runRefusal(server, { structs: decoded.structs, deleteSet: decoded.ds }, mayEditLocked);
}

const section = (doc: Y.Doc, id: string) =>
  doc
    .getXmlFragment(DocumentLayout.content)
    .toArray()
    .find((n) => (n as Y.XmlElement).getAttribute(TemplateLayout.sectionIdAttribute) === id) as Y.XmlElement;
const textIn = (doc: Y.Doc, id: string) => (section(doc, id).get(0) as Y.XmlElement).get(0) as Y.XmlText;
const lockKeep = (state: RunState): RunState => ({
  ...state,
  locks: { document: false, sections: ["keep"] },
});

describe("run guard (server/collab/runGuard)", () => {
  it("refuses writing into the run map, before any run and during one: new keys, replaced keys, deletions", () => {
    expect(check(serverDoc(null), (doc) => doc.getMap(RunLayout.map).set("state", { forged: true }))).toBe(
      "protectedStructure",
    );
    const running = serverDoc((s) => s);
    expect(check(running, (doc) => doc.getMap(RunLayout.map).set(RunLayout.state, { forged: true }))).toBe(
      "protectedStructure",
    );
    expect(check(running, (doc) => doc.getMap(RunLayout.map).delete(RunLayout.state))).toBe(
      "protectedStructure",
    );
    // A facilitator's client is no exception: facilitators act through the API.
    expect(check(running, (doc) => doc.getMap(RunLayout.map).set("tallies", {}), true)).toBe(
      "protectedStructure",
    );
  });

  it("lets anyone write in an unlocked section and only facilitators in a locked one", () => {
    const doc = serverDoc(lockKeep);
    expect(check(doc, (c) => textIn(c, "change").insert(0, "fine"))).toBeNull();
    expect(check(doc, (c) => textIn(c, "keep").insert(3, "no"))).toBe("locked");
    expect(check(doc, (c) => textIn(c, "keep").delete(0, 2))).toBe("locked");
    expect(check(doc, (c) => section(c, "keep").insert(1, [new Y.XmlElement("paragraph")]))).toBe("locked");
    expect(
      check(doc, (c) => {
        const paragraph = new Y.XmlElement("paragraph");
        section(c, "keep").insert(0, [paragraph]);
        paragraph.insert(0, [new Y.XmlText("nested new content")]);
      }),
    ).toBe("locked");
    expect(check(doc, (c) => textIn(c, "keep").insert(0, "facilitator"), true)).toBeNull();
  });

  it("while something is locked, content hanging from an item the server does not hold is refused", () => {
    const doc = serverDoc(lockKeep);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    const paragraph = new Y.XmlElement("paragraph");
    section(client, "change").insert(0, [paragraph]); // never reaches the server
    let update: Uint8Array | null = null;
    client.on("update", (bytes: Uint8Array) => {
      update = bytes;
    });
    paragraph.insert(0, [new Y.XmlText("orphan")]);
    const decoded = Y.decodeUpdate(update!);
    expect(runRefusal(doc, { structs: decoded.structs, deleteSet: decoded.ds }, false)).toBe("locked");
    expect(
      runRefusal(
        serverDoc((s) => s),
        { structs: decoded.structs, deleteSet: decoded.ds },
        false,
      ),
    ).toBeNull();
  });

  it("a reconnecting client's sync reply (whole delete set, deleted run-map entries included) is not refused", () => {
    const doc = serverDoc(lockKeep);
    // The server replaced the run state twice: the old entries are deleted items of the run map.
    for (let i = 0; i < 2; i++) {
      const state = doc.getMap(RunLayout.map).get(RunLayout.state) as RunState;
      doc.getMap(RunLayout.map).set(RunLayout.state, { ...state, current: 0 });
    }
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    textIn(client, "change").insert(0, "written offline");
    const reply = Y.encodeStateAsUpdate(client, Y.encodeStateVector(doc));
    const decoded = Y.decodeUpdate(reply);
    expect(decoded.ds.clients.size).toBeGreaterThan(0);
    expect(runRefusal(doc, { structs: decoded.structs, deleteSet: decoded.ds }, false)).toBeNull();
    // The whole state again (a client that lost track of what the server has): still nothing new refused.
    const everything = Y.decodeUpdate(Y.encodeStateAsUpdate(client));
    expect(runRefusal(doc, { structs: everything.structs, deleteSet: everything.ds }, false)).toBeNull();
  });

  it("a locked document refuses every section to non-facilitators; a closed run locks nothing", () => {
    const locked = serverDoc((s) => ({ ...s, locks: { document: true, sections: [] } }));
    expect(check(locked, (c) => textIn(c, "change").insert(0, "x"))).toBe("locked");
    expect(check(locked, (c) => textIn(c, "change").insert(0, "x"), true)).toBeNull();
    const closed = serverDoc((s) => ({ ...lockKeep(s), status: "closed" }));
    expect(check(closed, (c) => textIn(c, "keep").insert(0, "x"))).toBeNull();
  });
});
