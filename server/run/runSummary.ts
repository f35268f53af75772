import type { Delegation } from "../../shared/domain";
import type { RevealedContribution, RunAction, RunSummary } from "../../shared/run/runRecords";
import type { RunState } from "../../shared/run/runState";
import type { StoredParticipant } from "../storage/DirectoryStorage";

const TOP_ITEMS = 5;

/**
 * A closed run's summary: each phase with its actual time, contributions and dots per delegation (in an
 * anonymous run contributions are counted under no delegation: the count must not identify anyone), the
 * top-voted items and the actions agreed.
 */
export function buildSummary(input: {
  state: RunState;
  contributions: readonly RevealedContribution[];
  tallies: Record<string, number>;
  votes: ReadonlyMap<string, Record<string, number>>;
  actions: readonly RunAction[];
  participants: readonly StoredParticipant[];
  delegations: readonly Delegation[];
}): RunSummary {
  const { state, contributions, tallies } = input;
  const names = new Map(input.delegations.map((d) => [d.id, d.name]));
  const delegationOf = new Map(input.participants.map((p) => [p.id, p.delegationId]));
  const rows = new Map<string, RunSummary["perDelegation"][number]>();
  const row = (delegationId: string | null) => {
    const key = delegationId ?? "";
    let found = rows.get(key);
    if (!found) {
      found = {
        delegationId,
        delegationName: delegationId ? (names.get(delegationId) ?? null) : null,
        contributions: 0,
        votes: 0,
      };
      rows.set(key, found);
    }
    return found;
  };
  for (const d of input.delegations) row(d.id);
  for (const c of contributions) row(c.author?.delegationId ?? null).contributions++;
  for (const [voter, dots] of input.votes) {
    row(delegationOf.get(voter) ?? null).votes += Object.values(dots).reduce((a, b) => a + b, 0);
  }
  const top = contributions
    .map((c) => ({
      contributionId: c.id,
      text: c.text,
      sectionId: c.sectionId,
      ...(c.pairIndex === undefined ? {} : { pairIndex: c.pairIndex }),
      votes: tallies[c.id] ?? 0,
    }))
    .filter((c) => c.votes > 0)
    .sort((a, b) => b.votes - a.votes)
    .slice(0, TOP_ITEMS);
  return {
    closedAt: state.closedAt ?? 0,
    phases: state.phases.map((p) => ({
      kind: p.kind,
      plannedMinutes: p.minutes,
      actualMs: p.startedAt !== null && p.endedAt !== null ? p.endedAt - p.startedAt : null,
      skipped: p.skipped,
    })),
    perDelegation: [...rows.values()].filter(
      (r) => r.delegationId !== null || r.contributions > 0 || r.votes > 0,
    ),
    top,
    actions: [...input.actions],
    anonymous: state.settings.anonymous,
  };
}
