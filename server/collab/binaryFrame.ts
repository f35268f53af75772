/**
 * A whole unmasked, unfragmented binary WebSocket frame (RFC 6455 §5.2) around `payload`. A change is
 * relayed to everyone in a room as the same bytes: framed once here and written to each socket as one
 * buffer, where `ws` would frame it again for every receiver and write header and payload separately.
 */
export function binaryFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength;
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
  frame.set(payload, headerBytes);
  return frame;
}
