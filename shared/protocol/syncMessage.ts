import * as encoding from "lib0/encoding";
import { MessageType } from "./messageTypes";

/** A sync message of the given step (`SyncStep`) carrying `payload`: a state vector (step 1) or an update. */
export function syncMessage(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}
