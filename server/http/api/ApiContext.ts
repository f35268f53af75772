import type { Participant } from "../../../shared/domain";
import type { HistoryService } from "../../history/historyService";
import type { RunService } from "../../run/runService";
import type { DirectoryStorage, StoredParticipant } from "../../storage/DirectoryStorage";
import type { DelegationPairSync } from "../../templates/delegationPairSync";

/** What the API routes need, passed in (never read from globals), so tests can build it too. */
export interface ApiContext {
  directory: DirectoryStorage;
  secret: Buffer;
  /** When set, creating an exchange needs this token (shared instances). */
  operatorToken: string | null;
  /** Live connections: closed or refreshed when access changes. */
  live: {
    closeParticipant(participantId: string, code: number, reason: string): void;
    closeRoom(roomName: string, code: number, reason: string): void;
    presence(exchangeId: string): Array<{ participantId: string; documentId: string }>;
  };
  /** Version history of documents (issue 32); absent where a test builds the API without rooms. */
  history?: HistoryService;
  /** Facilitated runs (issue 31); absent where a test builds the API without rooms. */
  runs?: RunService;
  /** Delegations' pairs in "who learned what" documents; absent where a test builds the API without rooms. */
  delegationPairs?: DelegationPairSync;
  /**
   * Stores a new document's first content (a template's sections) before anyone can open it: one update,
   * no author, in the document's log as any change is.
   */
  writeFirstContent: (documentName: string, update: Uint8Array) => Promise<void>;
  now: () => number;
  newId: () => string;
}

/** The participant as the API shows it: no session id, no removal bookkeeping. */
export function presentParticipant(p: StoredParticipant): Participant {
  return {
    id: p.id,
    exchangeId: p.exchangeId,
    delegationId: p.delegationId,
    displayName: p.displayName,
    role: p.role,
    uiLanguage: p.uiLanguage,
    joinedAt: p.joinedAt,
  };
}
