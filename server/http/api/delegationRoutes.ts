import { Router } from "express";
import { delegationSchema, updateDelegationSchema } from "../../../shared/api/schemas";
import type { Delegation } from "../../../shared/domain";
import { CloseCode } from "../../../shared/protocol/closeCodes";
import type { ApiContext } from "./ApiContext";
import { notFound, parse } from "./ApiError";
import { requireAction, requireMember } from "./session";

/** Delegations of an exchange: facilitators add and edit them. */
export function delegationRoutes(ctx: ApiContext): Router {
  const router = Router();
  const guard = [requireMember(ctx), requireAction("delegation.manage")];

  router.post("/api/exchanges/:exchangeId/delegations", ...guard, async (request, response) => {
    const input = parse(delegationSchema, request.body);
    const delegation: Delegation = {
      id: ctx.newId(),
      exchangeId: request.params.exchangeId as string,
      ...input,
    };
    await ctx.directory.createDelegation(delegation, ctx.now());
    // Its pairs in the exchange's "who learned what" documents, live, before the facilitator is answered.
    await ctx.delegationPairs?.sync(delegation.exchangeId);
    response.status(201).json(delegation);
  });

  router.patch(
    "/api/exchanges/:exchangeId/delegations/:delegationId",
    ...guard,
    async (request, response) => {
      const exchangeId = request.params.exchangeId as string;
      const delegations = await ctx.directory.listDelegations(exchangeId);
      const existing = delegations.find((d) => d.id === request.params.delegationId);
      if (!existing) throw notFound();
      const patch = parse(updateDelegationSchema, request.body);
      await ctx.directory.updateDelegation(existing.id, patch);
      // "Who learned what" documents show the new name (a server change, live for open documents).
      if (patch.name !== undefined && patch.name !== existing.name)
        await ctx.delegationPairs?.sync(exchangeId);
      // Presence shows the delegation (colour, name, time zone, language): its members reconnect to carry it.
      for (const participant of await ctx.directory.listParticipants(exchangeId)) {
        if (participant.delegationId === existing.id) {
          ctx.live.closeParticipant(participant.id, CloseCode.accessChanged, "delegation changed");
        }
      }
      response.json({ ...existing, ...patch });
    },
  );

  return router;
}
