/**
 * Layout of a facilitated run inside the Y.Docs (issue 31). Everything under the run map is written by the
 * server only (server/run); a client update touching it is refused (server/collab/runGuard), so every value
 * here is server-authoritative, syncs live to everyone, and is stored and versioned like content.
 * Add names, never rename them.
 */
export const RunLayout = {
  /** Y.Map on a templated document. */
  map: "run",
  /** Key: the RunState (plain JSON, replaced whole on every change). */
  state: "state",
  /** Key: RevealedContribution[] written at reveal, in the same transaction as the contributions. */
  contributions: "contributions",
  /** Key: { [contributionId]: dots } written when the vote closes; absent before (tallies stay hidden). */
  tallies: "tallies",
  /** Key: RunAction[] (the actions agreed in this document). */
  actions: "actions",
  /** Key: RunSummary written when the run closes. */
  summary: "summary",
} as const;

/**
 * A participant's private draft (its own room, opened only to its owner): a Y.Array of Y.Maps, one per
 * contribution, each { id: string, sectionId: string, pairIndex?: number, text: Y.Text } (pairIndex: the
 * answer space's pair in a per-pair section, see shared/run/answerSpaces). Only ever pushed to and deleted
 * from by its owner's clients, so two tabs (or an offline device) never overwrite each other's entries.
 */
export const DraftLayout = {
  contributions: "contributions",
  id: "id",
  sectionId: "sectionId",
  pairIndex: "pairIndex",
  text: "text",
} as const;

/**
 * The server's own rooms for a run, which no client can name (see shared/protocol/roomName): votes are
 * kept in `<exchangeId>/<documentId>/votes`, a Y.Map "votes": participantId -> { [contributionId]: dots }.
 */
export const VotesLayout = { map: "votes" } as const;
