import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/** One entry of an awareness update as y-protocols encodes it: client id, clock, state as JSON text. */
export type AwarenessEntry = [clientId: number, clock: number, state: string];

/** The entries of an awareness update, in order (throws on truncated bytes, as lib0's decoder does). */
export function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    entries.push([clientId, clock, decoding.readVarString(decoder)]);
  }
  return entries;
}

/** An awareness update holding `entries`. */
export function writeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}
