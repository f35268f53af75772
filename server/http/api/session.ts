import type { Request, RequestHandler, Response } from "express";
import { canInExchange, type ExchangeAction } from "../../../shared/permissions";
import { isId } from "../../../shared/protocol/ids";
import {
  newSessionToken,
  readSessionToken,
  sessionCookieHeader,
  sessionIdFromToken,
} from "../../auth/sessionCookie";
import type { StoredParticipant } from "../../storage/DirectoryStorage";
import type { ApiContext } from "./ApiContext";
import { ApiError, forbidden, notFound } from "./ApiError";

/** Reads the session cookie (if any, and known) into `response.locals.sessionId`. */
export function loadSession(ctx: ApiContext): RequestHandler {
  return async (request, response, next) => {
    const token = readSessionToken(request.headers.cookie);
    const sessionId = token ? sessionIdFromToken(ctx.secret, token) : null;
    response.locals.sessionId =
      sessionId && (await ctx.directory.touchSession(sessionId, ctx.now())) ? sessionId : null;
    next();
  };
}

/** The request's session, created (with its cookie) when there is none yet. */
export async function ensureSession(ctx: ApiContext, request: Request, response: Response): Promise<string> {
  if (response.locals.sessionId) return response.locals.sessionId as string;
  const token = newSessionToken();
  const sessionId = sessionIdFromToken(ctx.secret, token);
  await ctx.directory.createSession(sessionId, ctx.now());
  response.append("Set-Cookie", sessionCookieHeader(token, request.secure));
  response.locals.sessionId = sessionId;
  return sessionId;
}

/** For `/:exchangeId` routes: the caller must be a current participant; puts it in `response.locals.member`. */
export function requireMember(ctx: ApiContext): RequestHandler {
  return async (request, response, next) => {
    const exchangeId = request.params.exchangeId;
    if (!isId(exchangeId)) throw notFound();
    const sessionId = response.locals.sessionId as string | null;
    if (!sessionId) throw new ApiError(401, "unauthenticated");
    const member = await ctx.directory.findMember(sessionId, exchangeId);
    if (!member) throw forbidden();
    response.locals.member = member;
    next();
  };
}

export function memberOf(response: Response): StoredParticipant {
  return response.locals.member as StoredParticipant;
}

/** The member must be allowed `action` by the permission matrix. */
export function requireAction(action: ExchangeAction): RequestHandler {
  return (_request, response, next) => {
    if (!canInExchange(memberOf(response).role, action)) throw forbidden();
    next();
  };
}
