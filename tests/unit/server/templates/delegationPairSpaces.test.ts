import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { findBuiltInTemplate } from "../../../../server/templates/builtIns";
import { syncDelegationPairs } from "../../../../server/templates/delegationPairSpaces";
import { templateDocumentUpdate } from "../../../../server/templates/templateDocument";
import {
  DocumentLayout,
  TemplateLayout,
  type TemplatePairEntry,
} from "../../../../shared/schema/documentLayout";

const recife = { id: "d0", name: "Recife" };
const bristol = { id: "d1", name: "Bristol" };
const chengdu = { id: "d2", name: "Chengdu" };
const wlw = findBuiltInTemplate("who-learned-what")!;

function docOf(template: Parameters<typeof templateDocumentUpdate>[0], delegations: Array<typeof recife>) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, templateDocumentUpdate(template, delegations));
  return doc;
}

/** Each answer space as "section[pair]: text", in document order. */
function spaces(doc: Y.Doc): string[] {
  return doc
    .getXmlFragment(DocumentLayout.content)
    .toArray()
    .map((node) => {
      const element = node as Y.XmlElement;
      const pair = element.getAttribute(TemplateLayout.pairIndexAttribute);
      const text = element
        .toArray()
        .map((p) => (p as Y.XmlElement).toArray().join(""))
        .join("|");
      return `${element.getAttribute(TemplateLayout.sectionIdAttribute)}[${pair ?? "-"}]:${text}`;
    });
}

const pairNames = (doc: Y.Doc) =>
  ((doc.getMap(DocumentLayout.template).get(TemplateLayout.pairs) as TemplatePairEntry[]) ?? []).map(
    (p) => `${p.from.name}->${p.to.name}`,
  );

function write(doc: Y.Doc, sectionId: string, pairIndex: number | undefined, text: string): void {
  const element = doc
    .getXmlFragment(DocumentLayout.content)
    .toArray()
    .find(
      (node) =>
        (node as Y.XmlElement).getAttribute(TemplateLayout.sectionIdAttribute) === sectionId &&
        (node as Y.XmlElement).getAttribute(TemplateLayout.pairIndexAttribute) === pairIndex,
    ) as Y.XmlElement;
  (element.get(0) as Y.XmlElement).insert(0, [new Y.XmlText(text)]);
}

describe("pairs for a delegation that joined after the document was made", () => {
  it("adds the new directions at the end, after each per-pair section's last space, keeping what is written", () => {
    const doc = docOf(wlw, [recife, bristol]);
    write(doc, "learned", 1, "Bristol's cycle lanes");
    const learnedBefore = spaces(doc).filter((s) => s.startsWith("learned"));
    expect(learnedBefore).toEqual(["learned[0]:", "learned[1]:Bristol's cycle lanes"]);

    expect(doc.transact(() => syncDelegationPairs(doc, [recife, bristol, chengdu]))).toEqual({
      added: 4,
      renamed: 0,
    });
    expect(pairNames(doc)).toEqual([
      "Recife->Bristol",
      "Bristol->Recife",
      "Recife->Chengdu",
      "Chengdu->Recife",
      "Bristol->Chengdu",
      "Chengdu->Bristol",
    ]);
    const all = spaces(doc);
    const learned = all.flatMap((s, i) => (s.startsWith("learned") ? [i] : []));
    // Together, in pair order, the written one untouched; the next section follows them.
    expect(learned.map((i) => all[i])).toEqual([
      "learned[0]:",
      "learned[1]:Bristol's cycle lanes",
      "learned[2]:",
      "learned[3]:",
      "learned[4]:",
      "learned[5]:",
    ]);
    expect(learned.at(-1)! - learned[0]!).toBe(5);
    expect(all[learned.at(-1)! + 1]).toMatch(/^mechanisms\[-\]/);
    // Nothing new: nothing changes.
    expect(syncDelegationPairs(doc, [recife, bristol, chengdu])).toEqual({ added: 0, renamed: 0 });
    expect(spaces(doc)).toEqual(all);
  });

  it("turns an unwritten shared space into the first pair's, and keeps a written one above the pairs", () => {
    const empty = docOf(wlw, [recife]);
    expect(syncDelegationPairs(empty, [recife, bristol])).toEqual({ added: 2, renamed: 0 });
    expect(spaces(empty).filter((s) => s.startsWith("learned"))).toEqual(["learned[0]:", "learned[1]:"]);

    const written = docOf(wlw, [recife]);
    write(written, "learned", undefined, "notes before the visit");
    expect(syncDelegationPairs(written, [recife, bristol])).toEqual({ added: 2, renamed: 0 });
    expect(spaces(written).filter((s) => s.startsWith("learned"))).toEqual([
      "learned[-]:notes before the visit",
      "learned[0]:",
      "learned[1]:",
    ]);
  });

  it("shows pairs by the delegations' names as they are now; a delegation no longer listed keeps its name", () => {
    const doc = docOf(wlw, [recife, bristol, chengdu]);
    write(doc, "learned", 2, "Chengdu's night markets");
    const before = spaces(doc);
    const renamed = { ...chengdu, name: "Chengdu Health Bureau" };
    // Bristol left the list (say, deleted): its pairs keep "Bristol".
    expect(syncDelegationPairs(doc, [recife, renamed])).toEqual({ added: 0, renamed: 4 });
    expect(pairNames(doc)).toEqual([
      "Recife->Bristol",
      "Bristol->Recife",
      "Recife->Chengdu Health Bureau",
      "Chengdu Health Bureau->Recife",
      "Bristol->Chengdu Health Bureau",
      "Chengdu Health Bureau->Bristol",
    ]);
    // The answer spaces and what is written in them are untouched.
    expect(spaces(doc)).toEqual(before);
  });

  it("leaves a document without per-pair sections as it is", () => {
    const doc = docOf(findBuiltInTemplate("after-action-review")!, [recife, bristol]);
    const before = Y.encodeStateAsUpdate(doc);
    expect(syncDelegationPairs(doc, [recife, bristol, chengdu])).toEqual({ added: 0, renamed: 0 });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});
