import * as decoding from "lib0/decoding";
import { MessageType, SyncStep } from "../../shared/protocol/messageTypes";
import type { Connection } from "./Connection";
import { ProtocolError } from "./ProtocolError";
import type { Room } from "./Room";

/**
 * Reads one y-websocket frame from `connection` and acts on it. Anything that is not valid protocol
 * throws a ProtocolError; the caller closes that one connection.
 */
export function handleMessage(room: Room, connection: Connection, message: Uint8Array): void {
  try {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync:
        handleSync(room, connection, decoder);
        return;
      case MessageType.awareness:
        room.presence.applyClient(connection, decoding.readVarUint8Array(decoder));
        return;
      case MessageType.queryAwareness:
        room.presence.sendAll(connection);
        return;
      default:
        throw new ProtocolError("unknownMessage", `unknown message type ${type}`);
    }
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    // lib0 throws plain errors for truncated varints and lengths past the end of the frame.
    throw new ProtocolError("malformedMessage", (error as Error).message);
  }
}

function handleSync(room: Room, connection: Connection, decoder: decoding.Decoder): void {
  const step = decoding.readVarUint(decoder);
  switch (step) {
    case SyncStep.step1: {
      room.answerSyncStep1(connection, decoding.readVarUint8Array(decoder));
      return;
    }
    case SyncStep.step2:
    case SyncStep.update:
      room.applyClientUpdate(connection, decoding.readVarUint8Array(decoder));
      return;
    default:
      throw new ProtocolError("unknownMessage", `unknown sync step ${step}`);
  }
}
