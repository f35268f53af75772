import * as Y from "yjs";
import { DocumentLayout, TemplateLayout, type TemplatePairEntry } from "../../shared/schema/documentLayout";
import { delegationPairs, type PairDelegation } from "../../shared/templates/delegationPairs";
import type { ReflectionTemplate, StoredTemplate } from "../../shared/templates/templateSchema";

/** The template alone, as a document keeps it: no server fields (a document outlives its template's record). */
export function templateDefinition(template: ReflectionTemplate | StoredTemplate): ReflectionTemplate {
  const { version, id, kind, name, purpose, durationMinutes, sections, runPlan } = template;
  return { version, id, kind, name, purpose, durationMinutes, sections, runPlan };
}

/** One answer space: a section element holding an empty paragraph (per-pair sections: with its pair's index). */
export function answerSpace(sectionId: string, pairIndex?: number): Y.XmlElement {
  const element = new Y.XmlElement(TemplateLayout.sectionNode);
  element.setAttribute(TemplateLayout.sectionIdAttribute, sectionId);
  // A number, as the editor's node attribute holds it (y-prosemirror passes attributes through as they are).
  if (pairIndex !== undefined) element.setAttribute(TemplateLayout.pairIndexAttribute, pairIndex as never);
  element.insert(0, [new Y.XmlElement("paragraph")]);
  return element;
}

/**
 * A new document's first content, as one Yjs update: the template map (a copy of the definition, and the
 * delegation pairs when a section is per pair) and one answer space per section, in the template's order. A
 * per-pair section gets one answer space per ordered pair of delegations; with fewer than two delegations it
 * gets one shared space, so its prompt is never lost.
 */
export function templateDocumentUpdate(
  template: ReflectionTemplate | StoredTemplate,
  delegations: readonly PairDelegation[],
): Uint8Array {
  const doc = new Y.Doc();
  const definition = templateDefinition(template);
  const perPair = definition.sections.some((section) => section.perDelegationPair);
  const pairs: TemplatePairEntry[] = perPair ? delegationPairs(delegations) : [];
  doc.transact(() => {
    const map = doc.getMap(DocumentLayout.template);
    // Plain JSON (structuredClone drops nothing here): the copy never shares objects with the server's data.
    map.set(TemplateLayout.definition, structuredClone(definition));
    if (perPair) map.set(TemplateLayout.pairs, structuredClone(pairs));
    const spaces: Y.XmlElement[] = [];
    for (const section of definition.sections) {
      if (section.perDelegationPair && pairs.length > 0) {
        for (let index = 0; index < pairs.length; index++) spaces.push(answerSpace(section.id, index));
      } else spaces.push(answerSpace(section.id));
    }
    doc.getXmlFragment(DocumentLayout.content).insert(0, spaces);
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
