/**
 * A delegation as a "who learned what" pair names it (copied into the document: the server renames it
 * there when the delegation is renamed, and a delegation no longer listed keeps the name it had).
 */
export interface PairDelegation {
  id: string;
  name: string;
}

/**
 * One direction of learning between two delegations: what `to` learned from `from`
 * (learning flows from -> to, as the arrow "Recife -> Bristol" reads).
 */
export interface DelegationPair {
  from: PairDelegation;
  to: PairDelegation;
}

/**
 * Every ordered pair of distinct delegations, n * (n - 1) of them, in a stable order: the delegations in
 * the order given, each unordered pair once, both directions side by side
 * (A->B, B->A, A->C, C->A, B->C, C->B). A delegation listed twice (same id) counts once.
 */
export function delegationPairs(delegations: readonly PairDelegation[]): DelegationPair[] {
  const seen = new Set<string>();
  const unique: PairDelegation[] = [];
  for (const delegation of delegations) {
    if (seen.has(delegation.id)) continue;
    seen.add(delegation.id);
    unique.push({ id: delegation.id, name: delegation.name });
  }
  const pairs: DelegationPair[] = [];
  for (let i = 0; i < unique.length; i++) {
    for (let j = i + 1; j < unique.length; j++) {
      const a = unique[i]!;
      const b = unique[j]!;
      pairs.push({ from: a, to: b }, { from: b, to: a });
    }
  }
  return pairs;
}
