import { Router } from "express";
import type { ExchangeView, MembershipResponse, MeResponse, ServerInfo } from "../../../shared/api/responses";
import { createExchangeSchema, updateExchangeSchema } from "../../../shared/api/schemas";
import type { Exchange } from "../../../shared/domain";
import { rateLimit } from "../rateLimit";
import { type ApiContext, presentParticipant } from "./ApiContext";
import { ApiError, parse } from "./ApiError";
import { ensureSession, memberOf, requireAction, requireMember } from "./session";

/** Server facts the client needs before anything else, who "I" am, and exchanges themselves. */
export function exchangeRoutes(ctx: ApiContext): Router {
  const router = Router();

  router.get("/api/config", (_request, response) => {
    response.json({ exchangeCreation: ctx.operatorToken ? "token" : "open" } satisfies ServerInfo);
  });

  router.get("/api/me", async (_request, response) => {
    const sessionId = response.locals.sessionId as string | null;
    const memberships = sessionId ? await ctx.directory.listMemberships(sessionId) : [];
    const withDelegations = await Promise.all(
      memberships.map(async ({ exchange, participant }) => {
        const delegations = participant.delegationId ? await ctx.directory.listDelegations(exchange.id) : [];
        return {
          exchange,
          participant: presentParticipant(participant),
          delegation: delegations.find((d) => d.id === participant.delegationId) ?? null,
        };
      }),
    );
    response.json({ memberships: withDelegations } satisfies MeResponse);
  });

  router.post("/api/exchanges", rateLimit({ max: 10, windowMs: 60_000 }), async (request, response) => {
    const input = parse(createExchangeSchema, request.body);
    if (ctx.operatorToken) {
      if (!input.operatorToken) throw new ApiError(403, "operator_token_required");
      if (input.operatorToken !== ctx.operatorToken) throw new ApiError(403, "operator_token_invalid");
    }
    const sessionId = await ensureSession(ctx, request, response);
    const at = ctx.now();
    const exchange: Exchange = {
      id: ctx.newId(),
      title: input.title,
      description: input.description,
      timeZone: input.timeZone,
      createdAt: at,
    };
    const participant = {
      id: ctx.newId(),
      exchangeId: exchange.id,
      delegationId: null,
      sessionId,
      displayName: input.facilitatorName,
      role: "facilitator" as const,
      uiLanguage: input.uiLanguage,
      joinedAt: at,
      removedAt: null,
    };
    await ctx.directory.createExchange(exchange);
    await ctx.directory.createParticipant(participant);
    response
      .status(201)
      .json({ exchange, participant: presentParticipant(participant) } satisfies MembershipResponse);
  });

  router.get("/api/exchanges/:exchangeId", requireMember(ctx), async (request, response) => {
    const exchangeId = request.params.exchangeId as string;
    const [exchange, delegations, participants, documents] = await Promise.all([
      ctx.directory.getExchange(exchangeId),
      ctx.directory.listDelegations(exchangeId),
      ctx.directory.listParticipants(exchangeId),
      ctx.directory.listDocuments(exchangeId),
    ]);
    response.json({
      exchange: exchange!,
      me: presentParticipant(memberOf(response)),
      delegations,
      participants: participants.map(presentParticipant),
      documents,
      presence: ctx.live.presence(exchangeId),
    } satisfies ExchangeView);
  });

  router.patch(
    "/api/exchanges/:exchangeId",
    requireMember(ctx),
    requireAction("exchange.edit"),
    async (request, response) => {
      const exchangeId = request.params.exchangeId as string;
      await ctx.directory.updateExchange(exchangeId, parse(updateExchangeSchema, request.body));
      response.json(await ctx.directory.getExchange(exchangeId));
    },
  );

  return router;
}
