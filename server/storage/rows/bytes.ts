/** A Buffer from either driver (better-sqlite3, pg) as a Uint8Array over the same bytes, without a copy. */
export function toBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
