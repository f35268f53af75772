/**
 * What a run produces (issue 31), as stored in the document's run map (shared/schema/runLayout) and shown
 * by the API: revealed contributions, vote tallies, actions and the summary.
 */
export interface RevealedContribution {
  /** Stable id (votes and actions refer to it). */
  id: string;
  sectionId: string;
  /** Per-pair sections: the pair of delegations it is about (index into the document's pairs); absent otherwise. */
  pairIndex?: number;
  text: string;
  /** Null in an anonymous run: nothing names, colours or identifies the author. */
  author: {
    participantId: string;
    name: string;
    delegationId: string | null;
    delegationName: string | null;
  } | null;
}

export const ACTION_STATUSES = ["open", "doing", "done"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface RunAction {
  id: string;
  /** The contribution it came from (null: made directly). */
  contributionId: string | null;
  what: string;
  /** A participant of the exchange, or free text (someone outside it). */
  owner: { participantId: string } | { name: string } | null;
  delegationId: string | null;
  /** YYYY-MM-DD, or null. */
  due: string | null;
  status: ActionStatus;
  createdBy: string;
  createdAt: number;
}

/** An action as the exchange page lists it: with its document. */
export interface ExchangeAction extends RunAction {
  documentId: string;
  documentTitle: string;
}

export interface RunSummary {
  closedAt: number;
  phases: Array<{ kind: string; plannedMinutes: number; actualMs: number | null; skipped: boolean }>;
  /** Per delegation id ("" for no delegation or anonymous): contributions written, dots placed. */
  perDelegation: Array<{
    delegationId: string | null;
    delegationName: string | null;
    contributions: number;
    votes: number;
  }>;
  top: Array<{ contributionId: string; text: string; sectionId: string; pairIndex?: number; votes: number }>;
  actions: RunAction[];
  anonymous: boolean;
}

export interface DocumentSummaryEntry {
  documentId: string;
  documentTitle: string;
  summary: RunSummary;
}

export const LIMITS = { actionText: 500, ownerName: 120 } as const;

/** Why the server refused a vote (sent as the error's detail; translated by the client). */
export type VoteRefusal = "votingClosed" | "tooManyDots" | "oneDotEach" | "unknownContribution";

/** Checks a participant's whole allocation against the run's rule (the server decides; the UI mirrors it). */
export function checkDots(
  dots: Record<string, number>,
  rules: { dotsPerPerson: number; severalDotsOnOne: boolean },
  contributionIds: ReadonlySet<string>,
): VoteRefusal | null {
  let total = 0;
  for (const [id, count] of Object.entries(dots)) {
    if (!contributionIds.has(id)) return "unknownContribution";
    if (count > 1 && !rules.severalDotsOnOne) return "oneDotEach";
    total += count;
  }
  return total > rules.dotsPerPerson ? "tooManyDots" : null;
}
