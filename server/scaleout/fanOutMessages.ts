import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

/**
 * What instances tell each other about a room on its Redis channel. Every message starts with the
 * sending instance's id, so that an instance ignores its own (Redis delivers a publisher's messages to
 * itself when it is subscribed too) and so that peers know whose clients an awareness state belongs to.
 */
export const FanOutKind = {
  /** Stored changes (merged per room per tick), with the Yjs client ids they bound to their authors. */
  update: 0,
  /** Presence changes of the sender's own clients. */
  awareness: 1,
  /** "I just joined this room: tell me who is here" (each peer answers with its clients' presence). */
  awarenessQuery: 2,
  /** The sender compacted the document: peers reset their counts (only the lease holder compacts). */
  compacted: 3,
} as const;

export type FanOutMessage =
  | {
      kind: typeof FanOutKind.update;
      instance: string;
      update: Uint8Array;
      /** How many client changes the merged update holds (compaction counts changes). */
      changes: number;
      /** [Yjs client id, participant id] first used by these changes. */
      bindings: Array<[number, string]>;
    }
  | { kind: typeof FanOutKind.awareness; instance: string; update: Uint8Array }
  | { kind: typeof FanOutKind.awarenessQuery; instance: string }
  | { kind: typeof FanOutKind.compacted; instance: string; updates: number; bytes: number };

export function encodeFanOut(message: FanOutMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, message.instance);
  encoding.writeVarUint(encoder, message.kind);
  switch (message.kind) {
    case FanOutKind.update:
      encoding.writeVarUint(encoder, message.changes);
      encoding.writeVarUint(encoder, message.bindings.length);
      for (const [clientId, participantId] of message.bindings) {
        encoding.writeVarUint(encoder, clientId);
        encoding.writeVarString(encoder, participantId);
      }
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case FanOutKind.awareness:
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case FanOutKind.compacted:
      encoding.writeVarUint(encoder, message.updates);
      encoding.writeVarUint(encoder, message.bytes);
      break;
  }
  return encoding.toUint8Array(encoder);
}

/** Reads a message; throws on bytes that are not one (only instances of this deployment publish here). */
export function decodeFanOut(bytes: Uint8Array): FanOutMessage {
  const decoder = decoding.createDecoder(bytes);
  const instance = decoding.readVarString(decoder);
  const kind = decoding.readVarUint(decoder);
  switch (kind) {
    case FanOutKind.update: {
      const changes = decoding.readVarUint(decoder);
      const count = decoding.readVarUint(decoder);
      const bindings: Array<[number, string]> = [];
      for (let i = 0; i < count; i++) {
        bindings.push([decoding.readVarUint(decoder), decoding.readVarString(decoder)]);
      }
      return { kind, instance, changes, bindings, update: decoding.readVarUint8Array(decoder) };
    }
    case FanOutKind.awareness:
      return { kind, instance, update: decoding.readVarUint8Array(decoder) };
    case FanOutKind.awarenessQuery:
      return { kind, instance };
    case FanOutKind.compacted:
      return {
        kind,
        instance,
        updates: decoding.readVarUint(decoder),
        bytes: decoding.readVarUint(decoder),
      };
    default:
      throw new Error(`unknown fan-out message kind ${kind}`);
  }
}
