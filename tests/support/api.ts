import type { MembershipResponse } from "../../shared/api/responses";
import type { DelegationInput } from "../../shared/api/schemas";
import type { Delegation, DocumentInfo, DocumentKind, Invite, Role, UiLanguage } from "../../shared/domain";
import { formatRoomName } from "../../shared/protocol/roomName";

/** A browser-like API client: keeps its session cookie and sends the server's own Origin. */
export class ApiSession {
  cookie: string | null = null;

  constructor(readonly baseUrl: string) {}

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        Origin: this.baseUrl,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...(this.cookie ? { Cookie: this.cookie } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get("set-cookie");
    if (setCookie) this.cookie = setCookie.split(";")[0]!;
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  /** Like request, but fails the test unless the status is 2xx. */
  async ok<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const result = await this.request<T>(method, path, body);
    if (result.status >= 300)
      throw new Error(`${method} ${path} → ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  }
}

export interface Member {
  session: ApiSession;
  participantId: string;
}

/** Where a new member joins and the UI language they join with (default: the fixture's delegation, pt-BR). */
export interface JoinOptions {
  delegationId?: string;
  uiLanguage?: UiLanguage;
}

/** An exchange with a facilitator, a delegation, and helpers to add delegations, members and documents. */
export interface ExchangeFixture {
  exchangeId: string;
  delegation: Delegation;
  facilitator: Member;
  addDelegation(fields: DelegationInput): Promise<Delegation>;
  invite(role: Role, options?: { delegationId?: string | null; maxUses?: number | null }): Promise<Invite>;
  /** Joins through an invite of the facilitator's, as a browser would. */
  join(role: Role, name?: string, options?: JoinOptions): Promise<Member>;
  /** Stores the UI language `member` reads the exchange in (their own setting, as the menu sets it). */
  setUiLanguage(member: Member, uiLanguage: UiLanguage): Promise<void>;
  newDocument(kind?: DocumentKind, by?: Member): Promise<{ document: DocumentInfo; room: string }>;
}

export async function createExchange(
  baseUrl: string,
  title = "Brazil–UK food policy exchange",
): Promise<ExchangeFixture> {
  const facilitatorSession = new ApiSession(baseUrl);
  const created = await facilitatorSession.ok<MembershipResponse>("POST", "/api/exchanges", {
    title,
    description: "",
    timeZone: "Europe/London",
    facilitatorName: "Fiona Facilitator",
    uiLanguage: "en",
  });
  const exchangeId = created.exchange.id;
  const facilitator = { session: facilitatorSession, participantId: created.participant.id };
  const addDelegation: ExchangeFixture["addDelegation"] = (fields) =>
    facilitatorSession.ok<Delegation>("POST", `/api/exchanges/${exchangeId}/delegations`, fields);
  const delegation = await addDelegation({
    name: "Belo Horizonte health team",
    country: "BR",
    color: "green",
    timeZone: "America/Sao_Paulo",
    workingLanguage: "pt-BR",
  });
  const invite: ExchangeFixture["invite"] = (role, options = {}) =>
    facilitatorSession.ok<Invite>("POST", `/api/exchanges/${exchangeId}/invites`, {
      role,
      delegationId: options.delegationId === undefined ? delegation.id : options.delegationId,
      expiresInHours: 24,
      maxUses: options.maxUses ?? null,
    });
  return {
    exchangeId,
    delegation,
    facilitator,
    addDelegation,
    invite,
    async join(role, name = `A ${role}`, { delegationId = delegation.id, uiLanguage = "pt-BR" } = {}) {
      const { token } = await invite(role, { delegationId });
      const session = new ApiSession(baseUrl);
      const joined = await session.ok<MembershipResponse>("POST", `/api/invites/${token}/join`, {
        displayName: name,
        uiLanguage,
      });
      return { session, participantId: joined.participant.id };
    },
    async setUiLanguage(member, uiLanguage) {
      await member.session.ok("PATCH", `/api/exchanges/${exchangeId}/participants/me`, { uiLanguage });
    },
    async newDocument(kind = "notes", by = facilitator) {
      const document = await by.session.ok<DocumentInfo>("POST", `/api/exchanges/${exchangeId}/documents`, {
        kind,
        title: `A ${kind} document`,
      });
      return { document, room: formatRoomName({ exchangeId, documentId: document.id }) };
    },
  };
}
