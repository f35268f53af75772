import { createHmac, randomBytes } from "node:crypto";

export const SESSION_COOKIE = "mutual_session";
const MAX_AGE_SECONDS = 400 * 24 * 3600; // browsers cap cookie lifetimes at 400 days

/** The session id stored in the database is a keyed hash of the cookie: a database copy alone opens nothing. */
export function sessionIdFromToken(secret: Buffer, token: string): string {
  return createHmac("sha256", secret).update(`session:${token}`).digest("base64url");
}

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Reads the session token from a Cookie header, if there is a well-formed one. */
export function readSessionToken(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) {
      const value = rest.join("=");
      return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
    }
  }
  return null;
}

/** Set-Cookie value: HttpOnly, SameSite=Strict, Secure on HTTPS, kept across browser restarts. */
export function sessionCookieHeader(token: string, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Strict",
    `Max-Age=${MAX_AGE_SECONDS}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}
