/** Bytes of `value` as a lib0 var-length unsigned integer (7 bits a byte, lowest first). */
export function varUintBytes(value: number): number {
  let bytes = 1;
  for (let rest = value; rest > 0x7f; rest = Math.floor(rest / 128)) bytes++;
  return bytes;
}

/** Writes `value` as a lib0 var-length unsigned integer at `at`; returns where it ended. */
export function writeVarUint(target: Uint8Array, at: number, value: number): number {
  let rest = value;
  let offset = at;
  while (rest > 0x7f) {
    target[offset++] = 0x80 | (rest & 0x7f);
    rest = Math.floor(rest / 128);
  }
  target[offset++] = rest;
  return offset;
}
