import * as Y from "yjs";
import { type AnswerSpace, readPairIndex, spaceIndexOf } from "../../shared/run/answerSpaces";
import type { RevealedContribution } from "../../shared/run/runRecords";
import { DocumentLayout, TemplateLayout } from "../../shared/schema/documentLayout";

/** The document's answer spaces as they are: its top-level section elements, in order. */
export function sectionElements(doc: Y.Doc): Array<AnswerSpace & { element: Y.XmlElement }> {
  const found: Array<AnswerSpace & { element: Y.XmlElement }> = [];
  for (const node of doc.getXmlFragment(DocumentLayout.content).toArray()) {
    if (!(node instanceof Y.XmlElement) || node.nodeName !== TemplateLayout.sectionNode) continue;
    const sectionId = node.getAttribute(TemplateLayout.sectionIdAttribute);
    if (typeof sectionId !== "string") continue;
    const pairIndex = readPairIndex(node.getAttribute(TemplateLayout.pairIndexAttribute));
    found.push({ sectionId, pairIndex, element: node });
  }
  return found;
}

/**
 * Writes each contribution as a paragraph at the end of its answer space: the section element with the
 * same section id and pair ("what Bristol learned from Recife" under Recife -> Bristol), or the section's
 * first element when that pair is not in the document (and for contributions that name no pair). Runs
 * inside the reveal's one transaction. Answers the contributions as placed: each carries the pair of the
 * element it went into, so the lists of contributions show it where the document has it.
 */
export function placeContributions(
  doc: Y.Doc,
  contributions: readonly RevealedContribution[],
): RevealedContribution[] {
  const spaces = sectionElements(doc);
  return contributions.map((contribution) => {
    const index = spaceIndexOf(spaces, contribution.sectionId, contribution.pairIndex ?? null);
    const { pairIndex: _asked, ...rest } = contribution;
    if (index < 0) return rest;
    const space = spaces[index]!;
    writeParagraph(space.element, contribution);
    return space.pairIndex === null ? rest : { ...rest, pairIndex: space.pairIndex };
  });
}

/** The contribution's text, with its author in bold first when the run names authors. */
function writeParagraph(section: Y.XmlElement, contribution: RevealedContribution): void {
  const paragraph = new Y.XmlElement("paragraph");
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  section.insert(section.length, [paragraph]);
  const author = contribution.author;
  if (author) {
    const label = author.delegationName ? `${author.name} · ${author.delegationName}: ` : `${author.name}: `;
    text.insert(0, label, { bold: {} });
    text.insert(label.length, contribution.text, {});
  } else {
    text.insert(0, contribution.text);
  }
}
