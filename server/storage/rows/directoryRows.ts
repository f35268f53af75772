import type {
  Delegation,
  DelegationColor,
  DocumentInfo,
  DocumentKind,
  Exchange,
  Role,
  UiLanguage,
} from "../../../shared/domain";
import type { StoredInvite, StoredParticipant } from "../DirectoryStorage";

/**
 * The directory's rows and the domain objects they hold, for both backends: their tables are the same
 * column for column (see postgres/migrations.ts). The SQL that reads and writes them stays with each backend.
 */
export type Row = Record<string, unknown>;

/** Last-seen is kept to the hour: a write per request would buy nothing. */
export const SESSION_SEEN_GRANULARITY_MS = 60 * 60 * 1000;

export const toExchange = (r: Row): Exchange => ({
  id: r.id as string,
  title: r.title as string,
  description: r.description as string,
  timeZone: r.time_zone as string,
  createdAt: r.created_at as number,
});
export const toDelegation = (r: Row): Delegation => ({
  id: r.id as string,
  exchangeId: r.exchange_id as string,
  name: r.name as string,
  country: r.country as string,
  color: r.color as DelegationColor,
  timeZone: r.time_zone as string,
  workingLanguage: r.working_language as string,
});
export const toParticipant = (r: Row): StoredParticipant => ({
  id: r.id as string,
  exchangeId: r.exchange_id as string,
  delegationId: (r.delegation_id as string | null) ?? null,
  sessionId: r.session_id as string,
  displayName: r.display_name as string,
  role: r.role as Role,
  uiLanguage: r.ui_language as UiLanguage,
  joinedAt: r.joined_at as number,
  removedAt: (r.removed_at as number | null) ?? null,
});
export const toInvite = (r: Row): StoredInvite => ({
  id: r.id as string,
  exchangeId: r.exchange_id as string,
  delegationId: (r.delegation_id as string | null) ?? null,
  role: r.role as Role,
  expiresAt: r.expires_at as number,
  maxUses: (r.max_uses as number | null) ?? null,
  uses: r.uses as number,
  revokedAt: (r.revoked_at as number | null) ?? null,
  createdBy: r.created_by as string,
  createdAt: r.created_at as number,
});
export const toDocument = (r: Row): DocumentInfo => ({
  id: r.id as string,
  exchangeId: r.exchange_id as string,
  kind: r.kind as DocumentKind,
  title: r.title as string,
  createdBy: r.created_by as string,
  createdAt: r.created_at as number,
  updatedAt: r.updated_at as number,
  archived: r.archived_at !== null,
  ...(typeof r.template_id === "string" ? { templateId: r.template_id } : {}),
  ...(typeof r.run_started_at === "number" ? { runStartedAt: r.run_started_at } : {}),
});

/** A membership row: a participant's columns with its exchange's, the exchange's id and time renamed. */
export const toMembership = (row: Row) => ({
  participant: toParticipant(row),
  exchange: toExchange({ ...row, id: row.exchange_id, created_at: row.exchange_created_at }),
});

/** The columns of a new document row, in the order of `documentValues`. */
export const DOCUMENT_COLUMNS =
  "id, exchange_id, kind, title, created_by, created_at, updated_at, archived_at, template_id, run_started_at";
/** A document as row values (the inverse of `toDocument`): an archived document was archived when last updated. */
export const documentValues = (d: DocumentInfo): unknown[] => [
  d.id,
  d.exchangeId,
  d.kind,
  d.title,
  d.createdBy,
  d.createdAt,
  d.updatedAt,
  d.archived ? d.updatedAt : null,
  d.templateId ?? null,
  d.runStartedAt ?? null,
];

/** A table whose rows can be patched, with the camelCase patch keys it accepts and their columns. */
export interface Patchable {
  table: string;
  columns: Record<string, string>;
}
export const EXCHANGE_PATCH: Patchable = {
  table: "exchanges",
  columns: { title: "title", description: "description", timeZone: "time_zone" },
};
export const DELEGATION_PATCH: Patchable = {
  table: "delegations",
  columns: {
    name: "name",
    country: "country",
    color: "color",
    timeZone: "time_zone",
    workingLanguage: "working_language",
  },
};
export const PARTICIPANT_PATCH: Patchable = {
  table: "participants",
  columns: {
    role: "role",
    delegationId: "delegation_id",
    displayName: "display_name",
    uiLanguage: "ui_language",
  },
};

/**
 * The UPDATE for a patch of row `id`, or null when the patch sets nothing. Only listed keys can ever
 * reach SQL. `placeholder(index)` is the backend's parameter syntax for the index-th value.
 */
export function patchStatement(
  { table, columns }: Patchable,
  id: string,
  patch: Record<string, unknown>,
  placeholder: (index: number) => string,
): { sql: string; values: unknown[] } | null {
  const entries = Object.entries(patch).filter(([key, value]) => key in columns && value !== undefined);
  if (entries.length === 0) return null;
  const sets = entries.map(([key], index) => `${columns[key]} = ${placeholder(index)}`).join(", ");
  return {
    sql: `UPDATE ${table} SET ${sets} WHERE id = ${placeholder(entries.length)}`,
    values: [...entries.map(([, value]) => value), id],
  };
}
