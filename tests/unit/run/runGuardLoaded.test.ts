import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { runRefusal } from "../../../server/collab/runGuard";
import { DEFAULT_RUN_SETTINGS, startRun } from "../../../shared/run/runState";
import { DocumentLayout } from "../../../shared/schema/documentLayout";
import { RunLayout } from "../../../shared/schema/runLayout";

describe("run guard on a room loaded from storage", () => {
  it("judges a client's edit when the run map was never asked for as a map (another instance's room, a restart)", () => {
    const writer = new Y.Doc();
    writer.transact(() => {
      writer.getXmlFragment(DocumentLayout.content).insert(0, [new Y.XmlElement("paragraph")]);
      writer
        .getMap(RunLayout.map)
        .set(RunLayout.state, startRun([{ kind: "write", minutes: 5 }], DEFAULT_RUN_SETTINGS, 0));
    });
    // The room's document, built from the stored bytes only: its run root is untyped.
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, Y.encodeStateAsUpdate(writer));
    expect(loaded.share.get(RunLayout.map)).not.toBeInstanceOf(Y.Map);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(writer));
    const before = Y.encodeStateVector(client);
    client.getXmlFragment(DocumentLayout.content).insert(1, [new Y.XmlElement("paragraph")]);
    const decoded = Y.decodeUpdate(Y.encodeStateAsUpdate(client, before));
    // Before the fix this threw "map.get is not a function" and the client was disconnected with 4410.
    expect(runRefusal(loaded, { structs: decoded.structs, deleteSet: decoded.ds }, false)).toBeNull();
  });
});
