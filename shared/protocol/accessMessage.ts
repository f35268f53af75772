import * as encoding from "lib0/encoding";
import { writePermissionDenied } from "y-protocols/auth";
import { MessageType } from "./messageTypes";

/** Access of a connection to its room: [101, 0 = read | 1 = write]. */
export const AccessCode = { read: 0, write: 1 } as const;

/** Why an update was refused: [102, reason]. */
export const RefusalReason = { readOnly: 0, foreignClient: 1, protectedStructure: 2 } as const;

/**
 * What a client that did not ask for Mutual's messages (see mutualClient.ts) is told instead of
 * `refused`: y-protocols' standard auth message, permission denied, with this reason.
 */
export const PermissionDeniedReason = {
  readOnly: "read-only: this connection may not change the document; its updates are not merged",
  foreignClient: "forged: content under another participant's Yjs client id is not merged",
  protectedStructure:
    "protected: a templated document's sections and template are the server's; an update deleting them is not merged",
} as const satisfies Record<keyof typeof RefusalReason, string>;

export function encodeAccessMessage(access: "read" | "write"): Uint8Array {
  return encodeTwo(MessageType.access, AccessCode[access]);
}

export function encodeRefusedMessage(reason: keyof typeof RefusalReason): Uint8Array {
  return encodeTwo(MessageType.refused, RefusalReason[reason]);
}

/** [2 (auth), 0 (permission denied), reason]: what a stock y-websocket provider understands. */
export function encodePermissionDenied(reason: keyof typeof RefusalReason): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.auth);
  writePermissionDenied(encoder, PermissionDeniedReason[reason]);
  return encoding.toUint8Array(encoder);
}

function encodeTwo(type: number, value: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint(encoder, value);
  return encoding.toUint8Array(encoder);
}
