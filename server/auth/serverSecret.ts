import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * The key that derives session ids and invite tokens. Taken from SESSION_SECRET when configured,
 * otherwise generated on first start and kept next to the database (mode 0600). Never sent anywhere.
 */
export function loadOrCreateServerSecret(file: string, configured: string | undefined): Buffer {
  if (configured) return Buffer.from(configured, "utf8");
  if (existsSync(file)) return Buffer.from(readFileSync(file, "utf8").trim(), "base64url");
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32);
  writeFileSync(file, `${secret.toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  return secret;
}
