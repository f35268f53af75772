import { Router } from "express";
import { updateParticipantSchema, updateSelfSchema } from "../../../shared/api/schemas";
import { CloseCode } from "../../../shared/protocol/closeCodes";
import { type ApiContext, presentParticipant } from "./ApiContext";
import { ApiError, notFound, parse } from "./ApiError";
import { memberOf, requireAction, requireMember } from "./session";

/** Participants: everyone edits their own name and language or leaves; facilitators change roles or remove. */
export function participantRoutes(ctx: ApiContext): Router {
  const router = Router();
  const base = "/api/exchanges/:exchangeId/participants";

  router.patch(`${base}/me`, requireMember(ctx), async (request, response) => {
    const me = memberOf(response);
    const patch = parse(updateSelfSchema, request.body);
    await ctx.directory.updateParticipant(me.id, patch);
    if (patch.displayName && patch.displayName !== me.displayName) {
      ctx.live.closeParticipant(me.id, CloseCode.accessChanged, "name changed");
    }
    response.json(presentParticipant({ ...me, ...patch }));
  });

  router.delete(`${base}/me`, requireMember(ctx), async (_request, response) => {
    const me = memberOf(response);
    if (me.role === "facilitator") await refuseLastFacilitator(ctx, me.exchangeId, me.id);
    await ctx.directory.removeParticipant(me.id, ctx.now());
    ctx.live.closeParticipant(me.id, CloseCode.forbidden, "left the exchange");
    response.status(204).end();
  });

  const manage = [requireMember(ctx), requireAction("participant.manage")];

  /** The current participant of this exchange a facilitator acts on. */
  async function findTarget(exchangeId: string, participantId: string) {
    const target = await ctx.directory.getParticipant(participantId);
    if (!target || target.exchangeId !== exchangeId || target.removedAt !== null) throw notFound();
    return target;
  }

  router.patch(`${base}/:participantId`, ...manage, async (request, response) => {
    const exchangeId = request.params.exchangeId as string;
    const target = await findTarget(exchangeId, String(request.params.participantId));
    const patch = parse(updateParticipantSchema, request.body);
    if (patch.delegationId) {
      const delegations = await ctx.directory.listDelegations(exchangeId);
      if (!delegations.some((d) => d.id === patch.delegationId)) {
        throw new ApiError(400, "validation_failed", { delegationId: "invalid" });
      }
    }
    if (patch.role && patch.role !== "facilitator" && target.role === "facilitator") {
      await refuseLastFacilitator(ctx, exchangeId, target.id);
    }
    await ctx.directory.updateParticipant(target.id, patch);
    // Open connections carry the old role and delegation (its colour on carets): they reconnect at once.
    ctx.live.closeParticipant(
      target.id,
      CloseCode.accessChanged,
      patch.role ? "role changed" : "delegation changed",
    );
    response.json(presentParticipant({ ...target, ...patch }));
  });

  router.delete(`${base}/:participantId`, ...manage, async (request, response) => {
    const exchangeId = request.params.exchangeId as string;
    const target = await findTarget(exchangeId, String(request.params.participantId));
    if (target.role === "facilitator") await refuseLastFacilitator(ctx, exchangeId, target.id);
    await ctx.directory.removeParticipant(target.id, ctx.now());
    ctx.live.closeParticipant(target.id, CloseCode.forbidden, "removed from the exchange");
    response.status(204).end();
  });

  return router;
}

/** An exchange always keeps at least one facilitator, or nobody could manage it again. */
async function refuseLastFacilitator(
  ctx: ApiContext,
  exchangeId: string,
  participantId: string,
): Promise<void> {
  const facilitators = (await ctx.directory.listParticipants(exchangeId)).filter(
    (p) => p.role === "facilitator",
  );
  if (facilitators.length === 1 && facilitators[0]!.id === participantId) throw new ApiError(409, "conflict");
}
