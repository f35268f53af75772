import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { placeContributions, sectionElements } from "../../../server/run/placeContributions";
import { templateDocumentUpdate } from "../../../server/templates/templateDocument";
import { answerSpaces, spaceIndexOf } from "../../../shared/run/answerSpaces";
import { readDraftEntry } from "../../../shared/run/draftEntry";
import type { RevealedContribution } from "../../../shared/run/runRecords";
import { TemplateLayout } from "../../../shared/schema/documentLayout";
import { DraftLayout } from "../../../shared/schema/runLayout";
import type { ReflectionTemplate } from "../../../shared/templates/templateSchema";

const template: ReflectionTemplate = {
  version: 1,
  id: "who-learned-what",
  kind: "reflection",
  name: { en: "Who learned what" },
  purpose: { en: "Learning in every direction." },
  durationMinutes: 60,
  sections: [
    { id: "before", prompt: { en: "Before" }, guidance: {} },
    { id: "learned", prompt: { en: "What did each learn?" }, guidance: {}, perDelegationPair: true },
  ],
  runPlan: [{ kind: "write", minutes: 5 }],
};
const delegations = [
  { id: "recife", name: "Recife team" },
  { id: "bristol", name: "Bristol council" },
  { id: "chengdu", name: "Chengdu bureau" },
];

function documentOf(people = delegations): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, templateDocumentUpdate(template, people));
  return doc;
}

const contribution = (text: string, sectionId: string, pairIndex?: number): RevealedContribution => ({
  id: text,
  sectionId,
  ...(pairIndex === undefined ? {} : { pairIndex }),
  text,
  author: null,
});

/** Each answer space's texts: "sectionId#pairIndex" -> paragraphs with text. */
function textsBySpace(doc: Y.Doc): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { sectionId, pairIndex, element } of sectionElements(doc)) {
    const texts = element
      .toArray()
      .map((p) => (p as Y.XmlElement).toArray().map(String).join(""))
      .filter(Boolean);
    out.set(`${sectionId}#${pairIndex ?? ""}`, texts);
  }
  return out;
}

describe("placing revealed contributions under their answer space", () => {
  it("puts each contribution under the element of its section and pair, not the section's first", () => {
    const doc = documentOf();
    // Pairs: 0 Recife->Bristol, 1 Bristol->Recife, 2 Recife->Chengdu, 3 Chengdu->Recife, ...
    const placed = placeContributions(doc, [
      contribution("bristol-learned-from-recife", "learned", 0),
      contribution("chengdu-learned-from-recife", "learned", 2),
      contribution("recife-learned-from-chengdu", "learned", 3),
      contribution("before-note", "before"),
    ]);
    const texts = textsBySpace(doc);
    expect(texts.get("learned#0")).toEqual(["bristol-learned-from-recife"]);
    expect(texts.get("learned#1")).toEqual([]);
    expect(texts.get("learned#2")).toEqual(["chengdu-learned-from-recife"]);
    expect(texts.get("learned#3")).toEqual(["recife-learned-from-chengdu"]);
    expect(texts.get("before#")).toEqual(["before-note"]);
    expect(placed.map((c) => c.pairIndex)).toEqual([0, 2, 3, undefined]);
  });

  it("falls back to the section's first element only when the pair is not in the document", () => {
    const doc = documentOf();
    const placed = placeContributions(doc, [
      contribution("pair-gone", "learned", 40),
      contribution("old-draft", "learned"),
      contribution("no-such-section", "nowhere", 1),
    ]);
    const texts = textsBySpace(doc);
    expect(texts.get("learned#0")).toEqual(["pair-gone", "old-draft"]);
    // Recorded where it went, so the lists show it under the same pair as the document.
    expect(placed.map((c) => c.pairIndex)).toEqual([0, 0, undefined]);
    expect([...texts.values()].flat()).not.toContain("no-such-section");
  });

  it("a per-pair section with one shared space (fewer than two delegations) takes every pair's contribution", () => {
    const doc = documentOf(delegations.slice(0, 1));
    const placed = placeContributions(doc, [contribution("alone", "learned", 1)]);
    expect(textsBySpace(doc).get("learned#")).toEqual(["alone"]);
    expect(placed[0]!.pairIndex).toBeUndefined();
  });

  it("reads a pair index stored as a numeric string on the element (as an editor may write it back)", () => {
    const doc = documentOf();
    const third = sectionElements(doc).find((s) => s.pairIndex === 2)!.element;
    doc.transact(() => third.setAttribute(TemplateLayout.pairIndexAttribute, "2"));
    placeContributions(doc, [contribution("to-two", "learned", 2)]);
    expect(textsBySpace(doc).get("learned#2")).toEqual(["to-two"]);
  });
});

describe("answer spaces and draft entries", () => {
  it("lists one space per section, one per pair for a per-pair section, in the document's order", () => {
    const pairs = [
      { from: delegations[0]!, to: delegations[1]! },
      { from: delegations[1]!, to: delegations[0]! },
    ];
    const spaces = answerSpaces(template.sections, pairs);
    expect(spaces).toEqual([
      { sectionId: "before", pairIndex: null },
      { sectionId: "learned", pairIndex: 0 },
      { sectionId: "learned", pairIndex: 1 },
    ]);
    // The same spaces as the server's document.
    const doc = documentOf(delegations.slice(0, 2));
    expect(sectionElements(doc).map(({ sectionId, pairIndex }) => ({ sectionId, pairIndex }))).toEqual(
      spaces,
    );
    expect(spaceIndexOf(spaces, "learned", 1)).toBe(2);
    expect(spaceIndexOf(spaces, "learned", 7)).toBe(1);
    expect(spaceIndexOf(spaces, "gone", null)).toBe(-1);
  });

  it("reads a draft entry's pair, and an old entry (no pair) or a bad pair as none, keeping its text", () => {
    const doc = new Y.Doc();
    const list = doc.getArray<Y.Map<unknown>>(DraftLayout.contributions);
    const entry = (fields: Record<string, unknown>) => {
      const map = new Y.Map<unknown>();
      for (const [key, value] of Object.entries(fields)) map.set(key, value);
      list.push([map]);
      return map;
    };
    const withPair = entry({ sectionId: "learned", pairIndex: 3, text: new Y.Text("  from Recife ") });
    const old = entry({ sectionId: "learned", text: new Y.Text("old") });
    const bad = entry({ sectionId: "learned", pairIndex: -1, text: new Y.Text("bad pair") });
    const empty = entry({ sectionId: "learned", pairIndex: 0, text: new Y.Text("   ") });
    const noSection = entry({ pairIndex: 0, text: new Y.Text("x") });
    expect(readDraftEntry(withPair)).toEqual({ sectionId: "learned", pairIndex: 3, text: "from Recife" });
    expect(readDraftEntry(old)).toEqual({ sectionId: "learned", pairIndex: null, text: "old" });
    expect(readDraftEntry(bad)?.pairIndex).toBeNull();
    expect(readDraftEntry(empty)).toBeNull();
    expect(readDraftEntry(noSection)).toBeNull();
  });
});
