import { randomUUID } from "node:crypto";
import { type Response, Router } from "express";
import type { DocumentInfo } from "../../../shared/domain";
import { canOnDocument, type DocumentAction, roomAccess } from "../../../shared/permissions";
import { isId } from "../../../shared/protocol/ids";
import { presenceUserOf } from "../../../shared/protocol/presenceUser";
import { runCommandSchema } from "../../../shared/run/runCommands";
import { actionCreateSchema, actionUpdateSchema, voteBodySchema } from "../../../shared/run/runRecordSchemas";
import type { DocumentSummaryEntry, ExchangeAction, RunAction } from "../../../shared/run/runRecords";
import type { RunOutcome, RunService } from "../../run/runService";
import type { ApiContext } from "./ApiContext";
import { ApiError, forbidden, notFound, parse } from "./ApiError";
import { memberOf, requireMember } from "./session";

/**
 * A facilitated run's API (issue 31): facilitators steer (phases, timer, reveal, votes, locks, close);
 * participants vote and make actions; observers only read. Every change is made by the server in the
 * document's run map (server/run), so it reaches every client live through the room.
 */
export function runRoutes(ctx: ApiContext, runs: RunService): Router {
  const router = Router();
  const base = "/api/exchanges/:exchangeId/documents/:documentId/run";

  async function authorize(
    params: Record<string, unknown>,
    response: Response,
    action: DocumentAction | null,
  ) {
    const exchangeId = String(params.exchangeId);
    const document = isId(params.documentId)
      ? await ctx.directory.getDocument(exchangeId, params.documentId)
      : null;
    if (!document?.templateId) throw notFound();
    const member = memberOf(response);
    if (action) {
      if (!canOnDocument(member.role, document.kind, action)) throw forbidden();
      if (roomAccess(member.role, document.kind, document.archived) !== "write") throw forbidden();
    }
    const delegation = member.delegationId
      ? ((await ctx.directory.listDelegations(exchangeId)).find((d) => d.id === member.delegationId) ?? null)
      : null;
    return { document, member, identity: presenceUserOf(member, delegation) };
  }

  function unwrap<T>(outcome: RunOutcome<T>): T {
    if (outcome.ok) return outcome.value;
    switch (outcome.refusal) {
      case "tooManyDots":
        throw new ApiError(400, "validation_failed", { dots: "out_of_range" });
      case "oneDotEach":
      case "unknownContribution":
        throw new ApiError(400, "validation_failed", { dots: "invalid" });
      case "notTemplated":
        throw notFound();
      case "forbidden":
        throw forbidden();
      default:
        // The run moved on meanwhile (another facilitator, a phase change): the client shows the live state.
        throw new ApiError(409, "conflict");
    }
  }

  router.get(`${base}/clock`, requireMember(ctx), async (request, response) => {
    await authorize(request.params, response, null);
    response.json({ now: ctx.now() });
  });

  router.post(base, requireMember(ctx), async (request, response) => {
    const { document, identity } = await authorize(request.params, response, "run.facilitate");
    const command = parse(runCommandSchema, request.body);
    response.json({ state: unwrap(await runs.command(document, identity, command)) });
  });

  router.get(`${base}/votes`, requireMember(ctx), async (request, response) => {
    const { document, member } = await authorize(request.params, response, "run.participate");
    response.json({ dots: await runs.myVotes(document, member) });
  });

  router.put(`${base}/votes`, requireMember(ctx), async (request, response) => {
    const { document, member } = await authorize(request.params, response, "run.participate");
    const { dots } = parse(voteBodySchema, request.body);
    response.json({ dots: unwrap(await runs.vote(document, member, dots)) });
  });

  /** Actions: by anyone taking part, or by facilitators only when the run says so. */
  async function authorizeActions(params: Record<string, unknown>, response: Response) {
    const found = await authorize(params, response, "run.participate");
    const state = await runs.state(found.document);
    if (!state) throw new ApiError(409, "conflict");
    if (
      state.settings.actionsBy === "facilitators" &&
      !canOnDocument(found.member.role, found.document.kind, "run.facilitate")
    ) {
      throw forbidden();
    }
    return found;
  }

  async function checkPeople(
    document: DocumentInfo,
    owner: RunAction["owner"] | undefined,
    delegationId: string | null | undefined,
  ) {
    if (owner && "participantId" in owner) {
      const participant = await ctx.directory.getParticipant(owner.participantId);
      if (!participant || participant.exchangeId !== document.exchangeId) {
        throw new ApiError(400, "validation_failed", { owner: "invalid" });
      }
    }
    if (delegationId) {
      const delegations = await ctx.directory.listDelegations(document.exchangeId);
      if (!delegations.some((d) => d.id === delegationId))
        throw new ApiError(400, "validation_failed", { delegationId: "invalid" });
    }
  }

  router.post(`${base}/actions`, requireMember(ctx), async (request, response) => {
    const { document, member, identity } = await authorizeActions(request.params, response);
    const body = parse(actionCreateSchema, request.body);
    await checkPeople(document, body.owner, body.delegationId);
    const action: RunAction = {
      id: randomUUID(),
      ...body,
      status: "open",
      createdBy: member.id,
      createdAt: ctx.now(),
    };
    response.status(201).json(unwrap(await runs.addAction(document, identity, action)));
  });

  router.patch(`${base}/actions/:actionId`, requireMember(ctx), async (request, response) => {
    const { document, identity } = await authorizeActions(request.params, response);
    const patch = parse(actionUpdateSchema, request.body);
    await checkPeople(document, patch.owner, patch.delegationId);
    const updated = await runs.updateAction(document, identity, String(request.params.actionId), patch);
    if (!updated) throw notFound();
    response.json(updated);
  });

  /** Every run's actions and summaries in the exchange (the exchange page). */
  router.get("/api/exchanges/:exchangeId/runs", requireMember(ctx), async (request, response) => {
    // Only documents that have had a run are opened (a room loaded for each).
    const documents = (await ctx.directory.listDocuments(request.params.exchangeId as string)).filter(
      (d) => d.runStartedAt !== undefined,
    );
    const actions: ExchangeAction[] = [];
    const summaries: DocumentSummaryEntry[] = [];
    // Rooms load side by side rather than one after another.
    const all = await Promise.all(documents.map((document) => runs.records(document)));
    for (const [index, document] of documents.entries()) {
      const records = all[index]!;
      for (const action of records.actions)
        actions.push({ ...action, documentId: document.id, documentTitle: document.title });
      if (records.summary)
        summaries.push({ documentId: document.id, documentTitle: document.title, summary: records.summary });
    }
    response.json({ actions, summaries });
  });

  return router;
}
