import { createHmac, timingSafeEqual } from "node:crypto";
import { isId } from "../../shared/protocol/ids";

/**
 * Invite link tokens are `<inviteId>.<mac>`: derived, not stored, so a facilitator can copy a link again
 * later while a copy of the database reveals none. Revocation and expiry live on the invite row.
 */
export function inviteToken(secret: Buffer, inviteId: string): string {
  return `${inviteId}.${mac(secret, inviteId)}`;
}

/** The invite id a token stands for, or null when the token was not made by this server. */
export function verifyInviteToken(secret: Buffer, token: string): string | null {
  const [inviteId, given, ...rest] = token.split(".");
  if (rest.length > 0 || !isId(inviteId) || !given) return null;
  const expected = Buffer.from(mac(secret, inviteId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? inviteId : null;
}

function mac(secret: Buffer, inviteId: string): string {
  return createHmac("sha256", secret).update(`invite:${inviteId}`).digest("base64url").slice(0, 32);
}
