import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { MessageType } from "./messageTypes";

/**
 * `saved` message: after the server has written a batch to storage it tells each connection that sent
 * updates how far each of its Yjs client ids is now stored: [100, count, (clientId, clock) * count].
 * A client whose own clocks are all covered knows its edits are durable ("All changes saved").
 */
export type SavedClocks = Map<number, number>;

export function encodeSavedMessage(clocks: SavedClocks): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.saved);
  encoding.writeVarUint(encoder, clocks.size);
  for (const [clientId, clock] of clocks) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
  }
  return encoding.toUint8Array(encoder);
}

/** Reads the body of a saved message (the message type varint already consumed). */
export function readSavedClocks(decoder: decoding.Decoder): SavedClocks {
  const clocks: SavedClocks = new Map();
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    clocks.set(clientId, decoding.readVarUint(decoder));
  }
  return clocks;
}
