import type { Node as PMNode, Slice } from "@tiptap/pm/model";

/** Where a composition began, in the document it began in. */
export interface CompositionStart {
  /** The document when the composition began (the shared document then). */
  base: PMNode;
  /** The selection the composition replaced (empty for a plain insertion). */
  from: number;
  to: number;
}

/** What the composition did to the base document: replace base[start, endBase) by local[start, endLocal). */
export interface LocalChange {
  start: number;
  endBase: number;
  endLocal: number;
}

/** The one contiguous range in which `local` differs from `base`, or null when they are equal. */
export function localChange(base: PMNode, local: PMNode): LocalChange | null {
  const start = base.content.findDiffStart(local.content);
  if (start == null) return null;
  const end = base.content.findDiffEnd(local.content);
  if (!end) return null;
  let { a: endBase, b: endLocal } = end;
  // Repeated characters make prefix and suffix overlap ("ab" -> "abb"): keep the change after `start`.
  const overlap = start - Math.min(endBase, endLocal);
  if (overlap > 0) {
    endBase += overlap;
    endLocal += overlap;
  }
  return { start, endBase, endLocal };
}

/** The composition's change, re-aimed at the current document. */
export interface Replay {
  from: number;
  to: number;
  slice: Slice;
  /** Maps a position of the local document inside the replayed text to the current document. */
  mapInside(localPosition: number): number | null;
}

/**
 * Re-aims the composition's change at the current document, given where the composition's start and end
 * are now (`fromNow`, `toNow`, from positions that follow the text, so others' inserts before it shift it).
 * The change keeps its offsets from the composition's start and end: an IME writes at the caret, so those
 * offsets are zero or span only text the composition itself replaced.
 */
export function replayOnto(
  start: CompositionStart,
  local: PMNode,
  change: LocalChange,
  current: PMNode,
  fromNow: number,
  toNow: number,
): Replay {
  const size = current.content.size;
  const clamp = (position: number) => Math.min(Math.max(position, 0), size);
  const from = clamp(fromNow + (change.start - start.from));
  const to = Math.max(from, clamp(toNow + (change.endBase - start.to)));
  return {
    from,
    to,
    slice: local.slice(change.start, change.endLocal),
    mapInside: (position) =>
      position >= change.start && position <= change.endLocal ? from + (position - change.start) : null,
  };
}
