import { readAwarenessEntries, writeAwarenessEntries } from "../collab/awarenessEntries";

/**
 * An awareness update keeping only the entries of client ids `keep` accepts; null when none is left.
 * An instance applies another's presence except for ids its own sockets now hold: a client that moved
 * here keeps its id, and the withdrawal its old instance publishes on its way out must not erase it.
 */
export function filterAwareness(update: Uint8Array, keep: (clientId: number) => boolean): Uint8Array | null {
  const entries = readAwarenessEntries(update);
  const kept = entries.filter(([clientId]) => keep(clientId));
  if (kept.length === entries.length) return update;
  return kept.length === 0 ? null : writeAwarenessEntries(kept);
}
