import compression from "compression";
import express, { Router } from "express";
import type { DocumentSource } from "../../agenda/readDocument";
import { originCheck } from "../originCheck";
import type { ApiContext } from "./ApiContext";
import { agendaRoutes } from "./agendaRoutes";
import { delegationRoutes } from "./delegationRoutes";
import { documentRoutes } from "./documentRoutes";
import { exchangeRoutes } from "./exchangeRoutes";
import { historyRoutes } from "./historyRoutes";
import { inviteRoutes } from "./inviteRoutes";
import { participantRoutes } from "./participantRoutes";
import { runRoutes } from "./runRoutes";
import { loadSession } from "./session";
import { templateRoutes } from "./templateRoutes";

/** The whole JSON API under /api: compression, body limits, Origin checks, the session, then one router per resource. */
export function apiRouter(
  ctx: ApiContext,
  trustedOrigins: readonly string[],
  /** Documents' content, for the routes that export it (the agenda's .ics). */
  documents?: DocumentSource,
): Router {
  const router = Router();
  // A template (or an imported template file) in three languages outgrows the general limit.
  router.use("/api/exchanges/:exchangeId/templates", express.json({ limit: "1mb" }));
  router.use(
    "/api",
    // Lists (an exchange's documents, people, invites) grow past a few KB; small answers go as they are.
    compression({ threshold: 2048 }),
    express.json({ limit: "64kb" }),
    originCheck(trustedOrigins),
    loadSession(ctx),
    (_req, res, next) => {
      res.set("Cache-Control", "no-store");
      next();
    },
  );
  router.use(exchangeRoutes(ctx));
  router.use(delegationRoutes(ctx));
  router.use(inviteRoutes(ctx));
  router.use(participantRoutes(ctx));
  router.use(documentRoutes(ctx));
  router.use(templateRoutes(ctx));
  if (ctx.history) router.use(historyRoutes({ ...ctx, history: ctx.history }));
  if (ctx.runs) router.use(runRoutes(ctx, ctx.runs));
  if (documents) router.use(agendaRoutes(ctx, documents));
  return router;
}
