import { Router } from "express";
import type { InvitePreview, MembershipResponse } from "../../../shared/api/responses";
import { createInviteSchema, joinSchema } from "../../../shared/api/schemas";
import type { Invite } from "../../../shared/domain";
import { inviteStatus } from "../../../shared/invites";
import { inviteToken, verifyInviteToken } from "../../auth/inviteTokens";
import type { StoredInvite } from "../../storage/DirectoryStorage";
import { rateLimit } from "../rateLimit";
import { type ApiContext, presentParticipant } from "./ApiContext";
import { ApiError, notFound, parse } from "./ApiError";
import { ensureSession, memberOf, requireAction, requireMember } from "./session";

/** Invite links: facilitators make, list and revoke them; anyone with a valid link can preview and join. */
export function inviteRoutes(ctx: ApiContext): Router {
  const router = Router();
  const guard = [requireMember(ctx), requireAction("invite.manage")];
  const present = (invite: StoredInvite): Invite => ({
    id: invite.id,
    exchangeId: invite.exchangeId,
    delegationId: invite.delegationId,
    role: invite.role,
    expiresAt: invite.expiresAt,
    maxUses: invite.maxUses,
    uses: invite.uses,
    status: inviteStatus(invite, ctx.now()),
    token: inviteToken(ctx.secret, invite.id),
    createdAt: invite.createdAt,
  });

  router.get("/api/exchanges/:exchangeId/invites", ...guard, async (request, response) => {
    response.json((await ctx.directory.listInvites(request.params.exchangeId as string)).map(present));
  });

  router.post("/api/exchanges/:exchangeId/invites", ...guard, async (request, response) => {
    const exchangeId = request.params.exchangeId as string;
    const input = parse(createInviteSchema, request.body);
    if (input.delegationId) {
      const delegations = await ctx.directory.listDelegations(exchangeId);
      if (!delegations.some((d) => d.id === input.delegationId)) {
        throw new ApiError(400, "validation_failed", { delegationId: "invalid" });
      }
    }
    const at = ctx.now();
    const invite: StoredInvite = {
      id: ctx.newId(),
      exchangeId,
      delegationId: input.delegationId,
      role: input.role,
      expiresAt: at + input.expiresInHours * 3600_000,
      maxUses: input.maxUses,
      uses: 0,
      revokedAt: null,
      createdBy: memberOf(response).id,
      createdAt: at,
    };
    await ctx.directory.createInvite(invite);
    response.status(201).json(present(invite));
  });

  router.delete("/api/exchanges/:exchangeId/invites/:inviteId", ...guard, async (request, response) => {
    const invite = await ctx.directory.getInvite(String(request.params.inviteId));
    if (!invite || invite.exchangeId !== request.params.exchangeId) throw notFound();
    await ctx.directory.revokeInvite(invite.id, ctx.now());
    response.json(present({ ...invite, revokedAt: invite.revokedAt ?? ctx.now() }));
  });

  /** The invite behind a token, if it is still usable; otherwise the precise reason why not. */
  async function usableInvite(token: string): Promise<StoredInvite> {
    const inviteId = verifyInviteToken(ctx.secret, token);
    const invite = inviteId ? await ctx.directory.getInvite(inviteId) : null;
    if (!invite) throw new ApiError(404, "invite_not_found");
    const status = inviteStatus(invite, ctx.now());
    if (status === "revoked") throw new ApiError(410, "invite_revoked");
    if (status === "expired") throw new ApiError(410, "invite_expired");
    if (status === "used-up") throw new ApiError(410, "invite_used_up");
    return invite;
  }

  router.get("/api/invites/:token", async (request, response) => {
    const invite = await usableInvite(String(request.params.token));
    const exchange = (await ctx.directory.getExchange(invite.exchangeId))!;
    const delegations = await ctx.directory.listDelegations(invite.exchangeId);
    response.json({
      exchange: { id: exchange.id, title: exchange.title, description: exchange.description },
      delegation: delegations.find((d) => d.id === invite.delegationId) ?? null,
      role: invite.role,
      expiresAt: invite.expiresAt,
    } satisfies InvitePreview);
  });

  router.post(
    "/api/invites/:token/join",
    rateLimit({ max: 30, windowMs: 60_000 }),
    async (request, response) => {
      const input = parse(joinSchema, request.body);
      const invite = await usableInvite(String(request.params.token));
      const sessionId = await ensureSession(ctx, request, response);
      const exchange = (await ctx.directory.getExchange(invite.exchangeId))!;
      const existing = await ctx.directory.findMember(sessionId, invite.exchangeId);
      if (existing) {
        // Opening a second link in the same browser keeps the one participant this browser already is.
        response.json({ exchange, participant: presentParticipant(existing) } satisfies MembershipResponse);
        return;
      }
      const at = ctx.now();
      const participant = {
        id: ctx.newId(),
        exchangeId: invite.exchangeId,
        delegationId: invite.delegationId,
        sessionId,
        displayName: input.displayName,
        role: invite.role,
        uiLanguage: input.uiLanguage,
        joinedAt: at,
        removedAt: null,
      };
      // Counted and joined in one transaction: two people racing for the last use cannot both get in.
      if (!(await ctx.directory.joinWithInvite(invite.id, participant, at)))
        throw new ApiError(410, "invite_used_up");
      response
        .status(201)
        .json({ exchange, participant: presentParticipant(participant) } satisfies MembershipResponse);
    },
  );

  return router;
}
