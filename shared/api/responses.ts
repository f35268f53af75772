import type { Delegation, DocumentInfo, Exchange, Invite, Participant, PresenceEntry } from "../domain";
import type { ReflectionTemplate, StoredTemplate } from "../templates/templateSchema";

/** GET /api/config */
export interface ServerInfo {
  /** "token": creating an exchange needs the operator token configured on the server. */
  exchangeCreation: "open" | "token";
}

/** GET /api/me: the exchanges this browser session has joined. */
export interface MeResponse {
  memberships: Array<{ exchange: Exchange; participant: Participant; delegation: Delegation | null }>;
}

/** POST /api/exchanges and POST /api/invites/:token/join (both also set the session cookie). */
export interface MembershipResponse {
  exchange: Exchange;
  participant: Participant;
}

/** GET /api/exchanges/:exchangeId: everything the exchange home shows. */
export interface ExchangeView {
  exchange: Exchange;
  me: Participant;
  delegations: Delegation[];
  participants: Participant[];
  documents: DocumentInfo[];
  presence: PresenceEntry[];
}

/** GET /api/invites/:token: what an invite leads to, before joining. */
export interface InvitePreview {
  exchange: Pick<Exchange, "id" | "title" | "description">;
  delegation: Delegation | null;
  role: Invite["role"];
  expiresAt: number;
}

/** GET /api/exchanges/:exchangeId/documents/:documentId */
export interface DocumentView {
  document: DocumentInfo;
  access: "write" | "read";
}

/**
 * GET /api/exchanges/:exchangeId/templates: the built-in templates (resolved, every language) and the
 * exchange's own, oldest first. POST, PUT and import answer with one StoredTemplate.
 */
export interface TemplateList {
  builtIn: ReflectionTemplate[];
  custom: StoredTemplate[];
}
