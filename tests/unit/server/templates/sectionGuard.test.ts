import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { inspectUpdate } from "../../../../server/collab/inspectUpdate";
import { breaksTemplateStructure } from "../../../../server/collab/sectionGuard";
import { findBuiltInTemplate } from "../../../../server/templates/builtIns";
import { templateDocumentUpdate } from "../../../../server/templates/templateDocument";
import { DocumentLayout, TemplateLayout } from "../../../../shared/schema/documentLayout";
import { paragraphsDoc } from "../../../support/seedDocument";

const delegations = [
  { id: "d1", name: "Recife" },
  { id: "d2", name: "Bristol" },
];

/** The server's copy and a client's copy of a templated document. */
function pair(
  first: Uint8Array = templateDocumentUpdate(findBuiltInTemplate("after-action-review")!, delegations),
) {
  const server = new Y.Doc();
  Y.applyUpdate(server, first);
  const client = new Y.Doc();
  Y.applyUpdate(client, first);
  return { server, client };
}

/** What the client sends for `change`, and whether the guard refuses it against the server's copy. */
function refuses(server: Y.Doc, client: Y.Doc, change: (doc: Y.Doc) => void): boolean {
  const before = Y.encodeStateVector(client);
  client.transact(() => change(client));
  const update = Y.encodeStateAsUpdate(client, before);
  const inspected = inspectUpdate(update);
  return breaksTemplateStructure(server, inspected, inspected.deletes);
}

const content = (doc: Y.Doc) => doc.getXmlFragment(DocumentLayout.content);
const section = (doc: Y.Doc, index: number) => content(doc).get(index) as Y.XmlElement;
const paragraph = (doc: Y.Doc, index: number) => section(doc, index).get(0) as Y.XmlElement;

describe("the template section guard", () => {
  it("lets answers be written, edited and deleted inside sections", () => {
    const { server, client } = pair();
    expect(
      refuses(server, client, (doc) => paragraph(doc, 1).insert(0, [new Y.XmlText("We got lost")])),
    ).toBe(false);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    expect(refuses(server, client, (doc) => (paragraph(doc, 1).get(0) as Y.XmlText).delete(0, 3))).toBe(
      false,
    );
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    // A whole paragraph of an answer may go too (the editor keeps one).
    expect(
      refuses(server, client, (doc) => {
        section(doc, 2).insert(1, [new Y.XmlElement("paragraph")]);
      }),
    ).toBe(false);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    expect(refuses(server, client, (doc) => section(doc, 2).delete(1, 1))).toBe(false);
  });

  it("refuses an update deleting a section element, even mixed with ordinary edits", () => {
    const { server, client } = pair();
    expect(refuses(server, client, (doc) => content(doc).delete(3, 1))).toBe(true);
    const again = pair();
    expect(
      refuses(again.server, again.client, (doc) => {
        paragraph(doc, 0).insert(0, [new Y.XmlText("typing")]);
        content(doc).delete(0, 1);
      }),
    ).toBe(true);
  });

  it("refuses replacing or adding to the template map", () => {
    const { server, client } = pair();
    expect(
      refuses(server, client, (doc) =>
        doc.getMap(DocumentLayout.template).set(TemplateLayout.definition, {}),
      ),
    ).toBe(true);
    expect(refuses(server, client, (doc) => doc.getMap(DocumentLayout.template).set("extra", 1))).toBe(true);
    expect(
      refuses(server, client, (doc) => doc.getMap(DocumentLayout.template).delete(TemplateLayout.definition)),
    ).toBe(true);
  });

  it("leaves plain documents alone: deleting their paragraphs is ordinary editing", () => {
    const plain = Y.encodeStateAsUpdate(paragraphsDoc(["one", "two"]));
    const { server, client } = pair(plain);
    expect(refuses(server, client, (doc) => content(doc).delete(0, 2))).toBe(false);
  });
});
