import type { InviteStatus } from "./domain";

/** Whether an invite can still be used at `now`; revocation wins over expiry, expiry over use count. */
export function inviteStatus(
  invite: { revokedAt: number | null; expiresAt: number; maxUses: number | null; uses: number },
  now: number,
): InviteStatus {
  if (invite.revokedAt !== null) return "revoked";
  if (invite.expiresAt <= now) return "expired";
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return "used-up";
  return "active";
}
