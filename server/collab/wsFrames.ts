import { MessageType, SyncStep } from "../../shared/protocol/messageTypes";
import { varUintBytes, writeVarUint } from "../../shared/protocol/varUint";

/**
 * Whole unmasked, unfragmented binary WebSocket frames (RFC 6455 §5.2), written to the TCP socket as
 * they are: one buffer, one write, where `ws` would frame every message again for each receiver and
 * write header and payload separately. A message for a whole room is framed once.
 */

/** The frame of one y-websocket message. */
export function binaryFrame(message: Uint8Array): Buffer {
  const frame = allocateFrame(message.byteLength);
  frame.set(message, frame.byteLength - message.byteLength);
  return frame;
}

/** The frame of the y-websocket message [sync, update, length, update], built without an intermediate copy. */
export function syncUpdateFrame(update: Uint8Array): Buffer {
  const length = 2 + varUintBytes(update.byteLength) + update.byteLength;
  const frame = allocateFrame(length);
  const start = frame.byteLength - length;
  frame[start] = MessageType.sync;
  frame[start + 1] = SyncStep.update;
  frame.set(update, writeVarUint(frame, start + 2, update.byteLength));
  return frame;
}

/** A frame of `length` payload bytes with its header written and its payload left to fill. */
function allocateFrame(length: number): Buffer {
  const headerBytes = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerBytes + length);
  frame[0] = 0x82; // FIN, opcode 2 (binary)
  if (length < 126) frame[1] = length;
  else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  return frame;
}
