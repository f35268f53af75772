import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/**
 * An awareness update keeping only the entries of client ids `keep` accepts; null when none is left.
 * An instance applies another's presence except for ids its own sockets now hold: a client that moved
 * here keeps its id, and the withdrawal its old instance publishes on its way out must not erase it.
 */
export function filterAwareness(update: Uint8Array, keep: (clientId: number) => boolean): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const entries: Array<[number, number, string]> = [];
  const count = decoding.readVarUint(decoder);
  let dropped = 0;
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state = decoding.readVarString(decoder);
    if (keep(clientId)) entries.push([clientId, clock, state]);
    else dropped++;
  }
  if (dropped === 0) return update;
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
