import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { builtInTemplates, findBuiltInTemplate } from "../../../../server/templates/builtIns";
import { templateDocumentUpdate } from "../../../../server/templates/templateDocument";
import { DocumentLayout, TemplateLayout } from "../../../../shared/schema/documentLayout";

const delegations = ["Recife", "Bristol", "Chengdu"].map((name, i) => ({ id: `d${i}`, name }));

function open(update: Uint8Array) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const sections = doc
    .getXmlFragment(DocumentLayout.content)
    .toArray()
    .map((node) => node as Y.XmlElement);
  return { doc, map: doc.getMap(DocumentLayout.template), sections };
}

describe("a document's first content from a template", () => {
  it("holds the template copy and one section element per section, each with an empty paragraph", () => {
    const aar = findBuiltInTemplate("after-action-review")!;
    const { map, sections } = open(templateDocumentUpdate(aar, delegations));
    expect(map.get(TemplateLayout.definition)).toEqual(aar);
    expect(map.has(TemplateLayout.pairs)).toBe(false);
    expect(sections.map((s) => s.nodeName)).toEqual(Array(5).fill("templateSection"));
    expect(sections.map((s) => s.getAttribute(TemplateLayout.sectionIdAttribute))).toEqual(
      aar.sections.map((s) => s.id),
    );
    for (const section of sections) {
      expect(section.getAttribute(TemplateLayout.pairIndexAttribute)).toBeUndefined();
      expect(section.toArray().map((child) => (child as Y.XmlElement).nodeName)).toEqual(["paragraph"]);
    }
  });

  it("gives 'who learned what' one answer space per direction, with the pairs copied into the document", () => {
    const wlw = findBuiltInTemplate("who-learned-what")!;
    const { map, sections } = open(templateDocumentUpdate(wlw, delegations));
    const pairs = map.get(TemplateLayout.pairs) as Array<{ from: { name: string }; to: { name: string } }>;
    expect(pairs.map((p) => `${p.from.name}->${p.to.name}`)).toEqual([
      "Recife->Bristol",
      "Bristol->Recife",
      "Recife->Chengdu",
      "Chengdu->Recife",
      "Bristol->Chengdu",
      "Chengdu->Bristol",
    ]);
    const learned = sections.filter((s) => s.getAttribute(TemplateLayout.sectionIdAttribute) === "learned");
    expect(learned.map((s) => s.getAttribute(TemplateLayout.pairIndexAttribute))).toEqual([0, 1, 2, 3, 4, 5]);
    // 7 ordinary sections + 6 directions, in the template's order.
    expect(sections).toHaveLength(13);
    expect(sections[4]!.getAttribute(TemplateLayout.sectionIdAttribute)).toBe("learned");
    expect(sections[10]!.getAttribute(TemplateLayout.sectionIdAttribute)).toBe("mechanisms");
  });

  it("keeps a per-pair section's prompt with one shared space when the exchange has fewer than two delegations", () => {
    const wlw = findBuiltInTemplate("who-learned-what")!;
    const { map, sections } = open(templateDocumentUpdate(wlw, delegations.slice(0, 1)));
    expect(map.get(TemplateLayout.pairs)).toEqual([]);
    const learned = sections.filter((s) => s.getAttribute(TemplateLayout.sectionIdAttribute) === "learned");
    expect(learned).toHaveLength(1);
    expect(learned[0]!.getAttribute(TemplateLayout.pairIndexAttribute)).toBeUndefined();
  });

  it("copies a stored template without its server fields", () => {
    const custom = { ...findBuiltInTemplate("kolb-cycle")!, id: "custom000001", createdAt: 1, updatedAt: 2 };
    const { map } = open(templateDocumentUpdate(custom, delegations));
    expect(map.get(TemplateLayout.definition)).not.toHaveProperty("createdAt");
    expect((map.get(TemplateLayout.definition) as { id: string }).id).toBe("custom000001");
  });

  it("works for every built-in", () => {
    for (const template of builtInTemplates()) {
      const { sections } = open(templateDocumentUpdate(template, delegations));
      expect(sections.length, template.id).toBeGreaterThanOrEqual(template.sections.length);
    }
  });
});
