import type * as Y from "yjs";
import type { DocumentInfo, Participant } from "../../../shared/domain";
import type { DelegationHours } from "../../../shared/schema/agendaChecks";

/** A delegation as the agenda shows it: its clock, hours, name and colour. */
export interface AgendaDelegation extends DelegationHours {
  name: string;
  color: string;
  workingLanguage: string;
}

/** What every part of the agenda screen reads: the document, who may edit, and the exchange. */
export interface AgendaEnv {
  doc: Y.Doc;
  /** The origin of this person's changes (their undo manager tracks only it). */
  origin: unknown;
  editable: boolean;
  locale: string;
  homeZone: string;
  readerZone: string;
  delegations: AgendaDelegation[];
  participants: ReadonlyMap<string, Participant>;
  /** The exchange's other documents, which sessions may link to. */
  documents: DocumentInfo[];
  exchangeId: string;
  documentId: string;
}
