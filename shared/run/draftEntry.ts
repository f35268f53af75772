import { DraftLayout } from "../schema/runLayout";
import { readPairIndex } from "./answerSpaces";

/** Longest contribution kept at reveal (the draft's field allows as much). */
export const MAX_CONTRIBUTION_LENGTH = 5000;

/** One contribution of a private draft, as the reveal reads it. */
export interface DraftEntry {
  sectionId: string;
  /** The pair of delegations it is about (per-pair sections); null for other sections and older drafts. */
  pairIndex: number | null;
  text: string;
}

/**
 * Reads a draft's entry (a Y.Map written by its owner's clients, so anything may be in it): null when it
 * has no section or no text. A missing or unreadable pair index is no reason to lose the contribution:
 * it reads as null, and the reveal puts it in its section's first answer space.
 */
export function readDraftEntry(entry: { get(key: string): unknown }): DraftEntry | null {
  const sectionId = entry.get(DraftLayout.sectionId);
  if (typeof sectionId !== "string" || sectionId.length === 0 || sectionId.length > 100) return null;
  const raw = entry.get(DraftLayout.text);
  // A Y.Text (or a plain string) reads as its text; nothing else is a contribution.
  const text =
    typeof raw === "string" || (typeof raw === "object" && raw !== null && "toJSON" in raw)
      ? String(raw).trim().slice(0, MAX_CONTRIBUTION_LENGTH)
      : "";
  if (!text) return null;
  return { sectionId, pairIndex: readPairIndex(entry.get(DraftLayout.pairIndex)), text };
}
