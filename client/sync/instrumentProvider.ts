import * as decoding from "lib0/decoding";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { MessageType, SyncStep } from "../../shared/protocol/messageTypes";
import { readSavedClocks, type SavedClocks } from "../../shared/protocol/savedMessage";

type MessageHandler = WebsocketProvider["messageHandlers"][number];

/**
 * Lets the sync hook hear what y-websocket does not expose: the server's state vector (its sync
 * step 1, i.e. what it has stored) and Mutual's `saved` acknowledgements. The provider keeps its
 * own handling; we only peek at a copy of the decoder.
 */
export function instrumentProvider(
  provider: WebsocketProvider,
  listeners: {
    onServerStateVector: (clocks: Map<number, number>) => void;
    onSaved: (clocks: SavedClocks) => void;
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
  provider.messageHandlers[MessageType.saved] = (_encoder, decoder) => {
    listeners.onSaved(readSavedClocks(decoder));
  };
}
