import type { TemplatePairEntry } from "../schema/documentLayout";

/**
 * Where a run's contribution goes: a template section, and for a per-pair section ("who learned what")
 * the pair of delegations it is about, as an index into the document's "pairs" list (null: not per pair).
 * Drafts, the reveal and the lists of contributions all use these, so a contribution written for
 * "Recife -> Bristol" is revealed, voted on and summed up under "Recife -> Bristol".
 */
export interface AnswerSpace {
  sectionId: string;
  pairIndex: number | null;
}

/** Most pairs a document can hold (30 delegations, both directions), and more than any real exchange has. */
export const MAX_PAIR_INDEX = 30 * 29 - 1;

/** A pair index as stored (a draft entry, a section element's attribute): a small non-negative integer, or null. */
export function readPairIndex(value: unknown): number | null {
  const number = typeof value === "string" && /^\d{1,4}$/.test(value) ? Number(value) : value;
  return typeof number === "number" && Number.isInteger(number) && number >= 0 && number <= MAX_PAIR_INDEX
    ? number
    : null;
}

/**
 * The answer spaces of a templated document, in its order, as the server made its section elements
 * (server/templates/templateDocument): a per-pair section has one per pair of delegations, or a single
 * shared one when the exchange had fewer than two delegations; any other section has one.
 */
export function answerSpaces(
  sections: ReadonlyArray<{ id: string; perDelegationPair?: boolean }>,
  pairs: readonly TemplatePairEntry[],
): AnswerSpace[] {
  return sections.flatMap((section): AnswerSpace[] =>
    section.perDelegationPair && pairs.length > 0
      ? pairs.map((_, pairIndex) => ({ sectionId: section.id, pairIndex }))
      : [{ sectionId: section.id, pairIndex: null }],
  );
}

/**
 * Which of `spaces` a contribution for (sectionId, pairIndex) belongs in: the one with the same section
 * and pair; when that pair is gone (or the contribution names none, as drafts written before pairs
 * did), the section's first space. -1 when the section itself is not there.
 */
export function spaceIndexOf(
  spaces: readonly AnswerSpace[],
  sectionId: string,
  pairIndex: number | null,
): number {
  let first = -1;
  for (let index = 0; index < spaces.length; index++) {
    const space = spaces[index]!;
    if (space.sectionId !== sectionId) continue;
    if (space.pairIndex === pairIndex) return index;
    if (first < 0) first = index;
  }
  return first;
}
