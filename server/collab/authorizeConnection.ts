import type { IncomingMessage } from "node:http";
import { roomAccess } from "../../shared/permissions";
import type { CloseCodeName } from "../../shared/protocol/closeCodes";
import { presenceUserOf } from "../../shared/protocol/presenceUser";
import type { RoomAddress } from "../../shared/protocol/roomName";
import { readSessionToken, sessionIdFromToken } from "../auth/sessionCookie";
import { isSameOrigin } from "../http/originCheck";
import type { DirectoryStorage } from "../storage/DirectoryStorage";
import type { ConnectionIdentity } from "./Connection";

export type Authorization =
  | {
      ok: true;
      identity: ConnectionIdentity;
      access: "read" | "write";
      /** A facilitator: may edit what a run locked (server/run/lockGuard). */
      facilitator?: boolean;
    }
  | { ok: false; code: CloseCodeName; reason: string };

export type Authorizer = (request: IncomingMessage, address: RoomAddress) => Promise<Authorization>;

/**
 * Decides who a WebSocket connection speaks for and what it may do: same-origin only, a valid
 * session, a current member of the exchange, a document of that exchange; access from the matrix.
 */
export function createAuthorizer(options: {
  directory: DirectoryStorage;
  secret: Buffer;
  trustedOrigins: readonly string[];
}): Authorizer {
  const { directory, secret, trustedOrigins } = options;
  return async (request, { exchangeId, documentId, draftOf }) => {
    if (!isSameOrigin(request, trustedOrigins)) return { ok: false, code: "forbidden", reason: "origin" };
    const token = readSessionToken(request.headers.cookie);
    if (!token) return { ok: false, code: "unauthorized", reason: "no session" };
    const sessionId = sessionIdFromToken(secret, token);
    const member = await directory.findMember(sessionId, exchangeId);
    if (!member) return { ok: false, code: "forbidden", reason: "not a member" };
    const document = await directory.getDocument(exchangeId, documentId);
    if (!document) return { ok: false, code: "notFound", reason: "no such document" };
    // A run's private draft opens to its owner alone: facilitators included, anyone else is refused for good.
    if (draftOf !== undefined && draftOf !== member.id)
      return { ok: false, code: "forbidden", reason: "another's draft" };
    const delegation = member.delegationId
      ? (await directory.listDelegations(exchangeId)).find((d) => d.id === member.delegationId)
      : undefined;
    return {
      ok: true,
      access: roomAccess(member.role, document.kind, document.archived),
      facilitator: member.role === "facilitator",
      identity: presenceUserOf(member, delegation ?? null),
    };
  };
}
