import * as encoding from "lib0/encoding";
import { MessageType } from "./messageTypes";

/** Access of a connection to its room: [101, 0 = read | 1 = write]. */
export const AccessCode = { read: 0, write: 1 } as const;

/** Why an update was refused: [102, reason]. */
export const RefusalReason = { readOnly: 0, foreignClient: 1 } as const;

export function encodeAccessMessage(access: "read" | "write"): Uint8Array {
  return encodeTwo(MessageType.access, AccessCode[access]);
}

export function encodeRefusedMessage(reason: keyof typeof RefusalReason): Uint8Array {
  return encodeTwo(MessageType.refused, RefusalReason[reason]);
}

function encodeTwo(type: number, value: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint(encoder, value);
  return encoding.toUint8Array(encoder);
}
