import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
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
  const decoder = decoding.createDecoder(update);
  const entries: Array<[number, number, string]> = [];
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = parseState(decoding.readVarString(decoder));
    if (!mayUse(clientId)) continue;
    const vouched = state === null ? null : { ...state, user: { ...identity } };
    entries.push([clientId, clock, JSON.stringify(vouched)]);
  }
  if (entries.length === 0) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
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
