import * as Y from "yjs";
import { readPairIndex } from "../../shared/run/answerSpaces";
import { DocumentLayout, TemplateLayout, type TemplatePairEntry } from "../../shared/schema/documentLayout";
import { delegationPairs, type PairDelegation } from "../../shared/templates/delegationPairs";
import type { ReflectionTemplate } from "../../shared/templates/templateSchema";
import { answerSpace } from "./templateDocument";

const pairKey = (pair: TemplatePairEntry) => `${pair.from.id}>${pair.to.id}`;

/** A section element with nothing written in it: the one empty paragraph it was made with. */
function isUnwritten(element: Y.XmlElement): boolean {
  const only = element.length === 1 ? element.get(0) : null;
  return only instanceof Y.XmlElement && only.length === 0;
}

/**
 * Brings a templated document's per-pair sections ("who learned what") up to the exchange's
 * delegations: pairs show the delegations' names as they are now (a delegation no longer there keeps the
 * name it had), and each pair of delegations the document lacks gets a place, e.g. after a delegation
 * joined the exchange. Existing pairs keep their index (drafts and revealed contributions name pairs by
 * index): new ones go at the end of the "pairs" list, and their answer spaces after the section's last
 * one. A section made with fewer than two delegations has one shared space: while nothing is written in
 * it, it becomes the first pair's; otherwise it stays, as written, above the pairs. Runs inside the
 * caller's transaction; all zero for a document without per-pair sections or with nothing to change.
 */
export function syncDelegationPairs(
  doc: Y.Doc,
  delegations: readonly PairDelegation[],
): { added: number; renamed: number } {
  const map = doc.getMap(DocumentLayout.template);
  const definition = map.get(TemplateLayout.definition) as ReflectionTemplate | undefined;
  const perPair = (definition?.sections ?? []).filter((section) => section.perDelegationPair);
  if (perPair.length === 0) return { added: 0, renamed: 0 };
  const stored = (map.get(TemplateLayout.pairs) as TemplatePairEntry[] | undefined) ?? [];
  const names = new Map(delegations.map((delegation) => [delegation.id, delegation.name]));
  const current = (side: TemplatePairEntry["from"]) => ({
    id: side.id,
    name: names.get(side.id) ?? side.name,
  });
  const before = stored.map((pair) => ({ from: current(pair.from), to: current(pair.to) }));
  const renamed = before.filter(
    (pair, index) => pair.from.name !== stored[index]!.from.name || pair.to.name !== stored[index]!.to.name,
  ).length;
  const known = new Set(before.map(pairKey));
  const added = delegationPairs(delegations).filter((pair) => !known.has(pairKey(pair)));
  if (added.length === 0 && renamed === 0) return { added: 0, renamed: 0 };
  map.set(TemplateLayout.pairs, [...before, ...structuredClone(added)]);
  if (added.length === 0) return { added: 0, renamed };
  const content = doc.getXmlFragment(DocumentLayout.content);
  for (const section of perPair) {
    const elements = content.toArray();
    const own = elements.flatMap((node, index) =>
      node instanceof Y.XmlElement &&
      node.nodeName === TemplateLayout.sectionNode &&
      node.getAttribute(TemplateLayout.sectionIdAttribute) === section.id
        ? [{ node, index }]
        : [],
    );
    const last = own.at(-1);
    // The server refuses deleting a section: a document without it was never written by Mutual.
    if (!last) continue;
    let first = before.length;
    const shared =
      before.length === 0 &&
      own.length === 1 &&
      readPairIndex(last.node.getAttribute(TemplateLayout.pairIndexAttribute)) === null;
    if (shared && isUnwritten(last.node)) {
      // A number, as the editor's node attribute holds it (see templateDocument's answerSpace).
      last.node.setAttribute(TemplateLayout.pairIndexAttribute, first as never);
      first++;
    }
    const spaces: Y.XmlElement[] = [];
    for (let index = first; index < before.length + added.length; index++)
      spaces.push(answerSpace(section.id, index));
    content.insert(last.index + 1, spaces);
  }
  return { added: added.length, renamed };
}
