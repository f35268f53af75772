import * as decoding from "lib0/decoding";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { AccessCode, RefusalReason } from "../../shared/protocol/accessMessage";
import { readDeflatedSync } from "../../shared/protocol/deflatedSync";
import { MessageType, SyncStep } from "../../shared/protocol/messageTypes";
import { readSavedClocks, type SavedClocks } from "../../shared/protocol/savedMessage";
import { applyDeflatedSyncStep2 } from "./inflateSync";

type MessageHandler = WebsocketProvider["messageHandlers"][number];

/**
 * Lets the sync hook hear what y-websocket does not expose: the server's state vector (its sync
 * step 1, i.e. what it has stored) and Mutual's `saved` acknowledgements, `access` and `refused` messages,
 * and teaches it Mutual's deflated sync step 2. The provider keeps its own handling; we only peek at a
 * copy of the decoder.
 */
/** Why the server refused an update (shared/protocol/accessMessage). */
export type RefusalKind = keyof typeof RefusalReason;

export function instrumentProvider(
  provider: WebsocketProvider,
  listeners: {
    onServerStateVector: (clocks: Map<number, number>) => void;
    onSaved: (clocks: SavedClocks) => void;
    /** The server's word on what this connection may do (sent on every connect). */
    onAccess: (access: "read" | "write") => void;
    /** An update from this connection was refused and not merged. */
    onRefused: (reason: RefusalKind | null) => void;
  },
): void {
  // Handlers are per instance (copied in the constructor), so this changes only this provider.
  const original = provider.messageHandlers[MessageType.sync] as MessageHandler;
  provider.messageHandlers[MessageType.sync] = (encoder, decoder, target, emitSynced, messageType) => {
    const peek = decoding.clone(decoder);
    try {
      if (decoding.readVarUint(peek) === SyncStep.step1) {
        listeners.onServerStateVector(Y.decodeStateVector(decoding.readVarUint8Array(peek)));
      }
    } catch {
      // A malformed frame: the provider's own handler decides what to do with it.
    }
    original(encoder, decoder, target, emitSynced, messageType);
  };
  provider.messageHandlers[MessageType.syncStep2Deflated] = (_encoder, decoder, target) => {
    applyDeflatedSyncStep2(target, readDeflatedSync(decoder));
  };
  provider.messageHandlers[MessageType.saved] = (_encoder, decoder) => {
    listeners.onSaved(readSavedClocks(decoder));
  };
  provider.messageHandlers[MessageType.access] = (_encoder, decoder) => {
    listeners.onAccess(decoding.readVarUint(decoder) === AccessCode.write ? "write" : "read");
  };
  provider.messageHandlers[MessageType.refused] = (_encoder, decoder) => {
    const code = decoding.readVarUint(decoder);
    const reason = Object.entries(RefusalReason).find(([, value]) => value === code)?.[0];
    listeners.onRefused((reason as RefusalKind | undefined) ?? null);
  };
}
