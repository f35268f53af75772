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
  const prefix = syncPrefixBytes(update.byteLength);
  const frame = allocateFrame(prefix + update.byteLength);
  const start = frame.byteLength - prefix - update.byteLength;
  frame.set(update, writeSyncPrefix(frame, start, SyncStep.update, update.byteLength));
  return frame;
}

/**
 * The start of the frame of the y-websocket message [sync, step, length, payload], up to the payload,
 * which is written after it as it is: a whole document (megabytes) is sent without being copied.
 */
export function syncFrameHead(step: number, payloadLength: number): Buffer {
  const prefix = syncPrefixBytes(payloadLength);
  const head = allocateFrame(prefix + payloadLength, prefix);
  writeSyncPrefix(head, head.byteLength - prefix, step, payloadLength);
  return head;
}

/** Bytes of [sync, step, length] ahead of a payload of `payloadLength` bytes. */
function syncPrefixBytes(payloadLength: number): number {
  return 2 + varUintBytes(payloadLength);
}

/** Writes [sync, step, length] at `at`; returns where the payload starts. */
function writeSyncPrefix(frame: Buffer, at: number, step: number, payloadLength: number): number {
  frame[at] = MessageType.sync;
  frame[at + 1] = step;
  return writeVarUint(frame, at + 2, payloadLength);
}

/**
 * A frame of `length` payload bytes with its header written and its payload left to fill; the buffer
 * holds the first `held` of them (all by default), the rest being written after it.
 */
function allocateFrame(length: number, held = length): Buffer {
  const headerBytes = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerBytes + held);
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
