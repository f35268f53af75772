import { inflateRawSync } from "node:zlib";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { readDeflatedSync } from "../../shared/protocol/deflatedSync";
import { MessageType } from "../../shared/protocol/messageTypes";

/** y-websocket framing, as far as the load clients need it. */
export const MESSAGE_SYNC = 0;
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** [sync, step 1, state vector]: what every client sends on open. */
export function syncStep1Frame(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_STEP1);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

/** [sync, update, update bytes]. */
export function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_UPDATE);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** The empty state vector (a client with nothing). */
export const EMPTY_STATE_VECTOR = new Uint8Array([0]);

/**
 * The Yjs update carried by a sync step 2 or sync update frame, as a view into the frame (no copy);
 * null for anything else (step 1, awareness, Mutual's "saved" acknowledgements).
 */
export function updatePayload(frame: Uint8Array): Uint8Array | null {
  if (frame.length < 3 || frame[0] !== MESSAGE_SYNC) return null;
  const step = frame[1];
  if (step !== SYNC_STEP2 && step !== SYNC_UPDATE) return null;
  let length = 0;
  let shift = 0;
  let pos = 2;
  for (;;) {
    const byte = frame[pos++];
    if (byte === undefined) return null;
    length += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) break;
    shift += 7;
  }
  if (pos + length > frame.length) return null;
  return frame.subarray(pos, pos + length);
}

/** Mutual's deflated sync step 2, which Mutual sends a large answer as to clients that ask for its messages. */
export const MESSAGE_SYNC_STEP2_DEFLATED = MessageType.syncStep2Deflated;

/** Whether a frame is a sync step 2 (the answer to our step 1), plain or Mutual's deflated one. */
export function isSyncStep2(frame: Uint8Array): boolean {
  return (
    (frame.length >= 2 && frame[0] === MESSAGE_SYNC && frame[1] === SYNC_STEP2) ||
    frame[0] === MESSAGE_SYNC_STEP2_DEFLATED
  );
}

/** The Yjs update of a sync step 2 frame, inflated when Mutual sent it deflated. */
export function syncStep2Update(frame: Uint8Array): Uint8Array | null {
  if (frame[0] !== MESSAGE_SYNC_STEP2_DEFLATED) return updatePayload(frame);
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder);
  return inflateRawSync(readDeflatedSync(decoder));
}
