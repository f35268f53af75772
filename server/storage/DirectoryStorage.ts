import type { Delegation, DocumentInfo, Exchange, Invite, Participant } from "../../shared/domain";
import type { StoredTemplate } from "../../shared/templates/templateSchema";

/** An invite as stored: the link token is derived from its id and the status from the rest, so neither is kept. */
export interface StoredInvite extends Omit<Invite, "status" | "token"> {
  revokedAt: number | null;
  createdBy: string;
}

/** A participant with the browser session it belongs to and whether it was removed. */
export interface StoredParticipant extends Participant {
  sessionId: string;
  removedAt: number | null;
}

/**
 * Exchanges, delegations, participants, sessions, invites and document records: the relational
 * data, in the same database as the documents. SQLite by default; PostgreSQL for scale-out.
 */
export interface DirectoryStorage {
  createSession(sessionId: string, at: number): Promise<void>;
  /** True when the session exists; refreshes its last-seen time (to the hour). */
  touchSession(sessionId: string, at: number): Promise<boolean>;

  createExchange(exchange: Exchange): Promise<void>;
  getExchange(exchangeId: string): Promise<Exchange | null>;
  updateExchange(
    exchangeId: string,
    patch: Partial<Pick<Exchange, "title" | "description" | "timeZone">>,
  ): Promise<void>;

  createDelegation(delegation: Delegation, at: number): Promise<void>;
  listDelegations(exchangeId: string): Promise<Delegation[]>;
  updateDelegation(
    delegationId: string,
    patch: Partial<Omit<Delegation, "id" | "exchangeId">>,
  ): Promise<void>;

  createParticipant(participant: StoredParticipant): Promise<void>;
  getParticipant(participantId: string): Promise<StoredParticipant | null>;
  /** The session's (not removed) participant in an exchange. */
  findMember(sessionId: string, exchangeId: string): Promise<StoredParticipant | null>;
  /** Every (not removed) participant of a session, with its exchange. */
  listMemberships(sessionId: string): Promise<Array<{ exchange: Exchange; participant: StoredParticipant }>>;
  listParticipants(exchangeId: string): Promise<StoredParticipant[]>;
  updateParticipant(
    participantId: string,
    patch: Partial<Pick<Participant, "role" | "delegationId" | "displayName" | "uiLanguage">>,
  ): Promise<void>;
  removeParticipant(participantId: string, at: number): Promise<void>;

  createInvite(invite: StoredInvite): Promise<void>;
  getInvite(inviteId: string): Promise<StoredInvite | null>;
  listInvites(exchangeId: string): Promise<StoredInvite[]>;
  revokeInvite(inviteId: string, at: number): Promise<void>;
  /**
   * Creates the participant and counts one use of the invite in one transaction, only if the invite is
   * still usable at `at`; returns false (and changes nothing) otherwise.
   */
  joinWithInvite(inviteId: string, participant: StoredParticipant, at: number): Promise<boolean>;

  createDocument(document: DocumentInfo): Promise<void>;
  getDocument(exchangeId: string, documentId: string): Promise<DocumentInfo | null>;
  listDocuments(exchangeId: string): Promise<DocumentInfo[]>;
  updateDocument(
    documentId: string,
    patch: { title?: string; archived?: boolean },
    at: number,
  ): Promise<void>;
  /** Records the start of the document's first facilitated run (later starts change nothing). */
  markRunStarted(documentId: string, at: number): Promise<void>;

  /** An exchange's own reflection templates (built-in ones are data in the code, never stored). */
  createTemplate(exchangeId: string, template: StoredTemplate): Promise<void>;
  getTemplate(exchangeId: string, templateId: string): Promise<StoredTemplate | null>;
  /** Oldest first. */
  listTemplates(exchangeId: string): Promise<StoredTemplate[]>;
  /** Replaces the definition (the id and createdAt stay); false when the exchange has no such template. */
  updateTemplate(exchangeId: string, template: StoredTemplate): Promise<boolean>;
  /** False when the exchange has no such template. Documents made from it keep their own copy. */
  deleteTemplate(exchangeId: string, templateId: string): Promise<boolean>;
}
