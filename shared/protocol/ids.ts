/** Opaque ASCII ids: safe in URLs, file names and SQL without escaping. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{8,32}$/;

export function isId(value: unknown): value is string {
  return typeof value === "string" && ID_PATTERN.test(value);
}

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A random base62 id; `fillRandom` is crypto.getRandomValues (passed in to keep shared/ pure). */
export function newId(fillRandom: (bytes: Uint8Array) => Uint8Array, length = 16): string {
  let id = "";
  while (id.length < length) {
    for (const byte of fillRandom(new Uint8Array(length))) {
      // Bytes of 248 and above are skipped so that every character is equally likely (248 = 4 * 62).
      if (byte < 248 && id.length < length) id += ALPHABET[byte % 62];
    }
  }
  return id;
}
