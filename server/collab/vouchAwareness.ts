import { type AwarenessEntry, readAwarenessEntries, writeAwarenessEntries } from "./awarenessEntries";
import type { ConnectionIdentity } from "./Connection";
import { ProtocolError } from "./ProtocolError";

/**
 * Rewrites an awareness update so that it can only speak for its own connection: entries for client
 * ids another connection owns are dropped, and every state's `user` is replaced by the identity the
 * server knows (a client cannot show itself under another name or colour).
 */
export function vouchAwareness(
  update: Uint8Array,
  identity: ConnectionIdentity,
  mayUse: (clientId: number) => boolean,
): Uint8Array | null {
  const vouched: AwarenessEntry[] = [];
  for (const [clientId, clock, json] of readAwarenessEntries(update)) {
    const state = parseState(json);
    if (!mayUse(clientId)) continue;
    vouched.push([
      clientId,
      clock,
      JSON.stringify(state === null ? null : { ...state, user: { ...identity } }),
    ]);
  }
  return vouched.length === 0 ? null : writeAwarenessEntries(vouched);
}

function parseState(json: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new ProtocolError("malformedMessage", "awareness state is not JSON");
  }
  if (value === null) return null;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new ProtocolError("malformedMessage", "awareness state is not an object");
  }
  return value as Record<string, unknown>;
}
