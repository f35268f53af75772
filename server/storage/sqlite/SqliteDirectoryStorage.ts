import type { Statement } from "better-sqlite3";
import type {
  Delegation,
  DelegationColor,
  DocumentInfo,
  DocumentKind,
  Exchange,
  Role,
  UiLanguage,
} from "../../../shared/domain";
import type { DirectoryStorage, StoredInvite, StoredParticipant } from "../DirectoryStorage";
import type { SqliteDatabase } from "./openSqliteDatabase";
import { sqliteTemplates } from "./sqliteTemplates";

type Row = Record<string, unknown>;

const SESSION_SEEN_GRANULARITY_MS = 60 * 60 * 1000;

const toExchange = (r: Row): Exchange => ({
  id: r.id as string,
  title: r.title as string,
  description: r.description as string,
  timeZone: r.time_zone as string,
  createdAt: r.created_at as number,
});
const toDelegation = (r: Row): Delegation => ({
  id: r.id as string,
  exchangeId: r.exchange_id as string,
  name: r.name as string,
  country: r.country as string,
  color: r.color as DelegationColor,
  timeZone: r.time_zone as string,
  workingLanguage: r.working_language as string,
});
const toParticipant = (r: Row): StoredParticipant => ({
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
const toInvite = (r: Row): StoredInvite => ({
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
const toDocument = (r: Row): DocumentInfo => ({
  id: r.id as string,
  exchangeId: r.exchange_id as string,
  kind: r.kind as DocumentKind,
  title: r.title as string,
  createdBy: r.created_by as string,
  createdAt: r.created_at as number,
  updatedAt: r.updated_at as number,
  archived: r.archived_at !== null,
  ...(typeof r.template_id === "string" ? { templateId: r.template_id } : {}),
});

type Prepare = (sql: string) => Statement;

/** Maps camelCase patch keys to columns; only listed keys can ever reach SQL. */
function updater(q: Prepare, table: string, columns: Record<string, string>) {
  return (id: string, patch: Record<string, unknown>) => {
    const entries = Object.entries(patch).filter(([key, value]) => key in columns && value !== undefined);
    if (entries.length === 0) return;
    const sets = entries.map(([key]) => `${columns[key]} = ?`).join(", ");
    q(`UPDATE ${table} SET ${sets} WHERE id = ?`).run(...entries.map(([, value]) => value), id);
  };
}

/** DirectoryStorage on the embedded SQLite database. */
export function createSqliteDirectoryStorage(db: SqliteDatabase): DirectoryStorage {
  // Statements are prepared once and reused: every WebSocket upgrade runs several of these queries.
  const statements = new Map<string, Statement>();
  const q: Prepare = (sql) => {
    const statement = statements.get(sql) ?? db.prepare(sql);
    statements.set(sql, statement);
    return statement;
  };
  const insertParticipant = q(
    `INSERT INTO participants (id, exchange_id, delegation_id, session_id, display_name, role, ui_language, joined_at, removed_at)
     VALUES (@id, @exchangeId, @delegationId, @sessionId, @displayName, @role, @uiLanguage, @joinedAt, @removedAt)`,
  );
  const useInvite = q(
    `UPDATE invites SET uses = uses + 1
     WHERE id = ? AND revoked_at IS NULL AND expires_at > ? AND (max_uses IS NULL OR uses < max_uses)`,
  );
  const updateExchange = updater(q, "exchanges", {
    title: "title",
    description: "description",
    timeZone: "time_zone",
  });
  const updateDelegation = updater(q, "delegations", {
    name: "name",
    country: "country",
    color: "color",
    timeZone: "time_zone",
    workingLanguage: "working_language",
  });
  const updateParticipant = updater(q, "participants", {
    role: "role",
    delegationId: "delegation_id",
    displayName: "display_name",
    uiLanguage: "ui_language",
  });
  const join = db.transaction((inviteId: string, participant: StoredParticipant, at: number) => {
    if (useInvite.run(inviteId, at).changes !== 1) return false;
    insertParticipant.run(participant);
    return true;
  });

  return {
    async createSession(sessionId, at) {
      q("INSERT INTO browser_sessions (id, created_at, last_seen_at) VALUES (?, ?, ?)").run(
        sessionId,
        at,
        at,
      );
    },
    async touchSession(sessionId, at) {
      const seen = q("SELECT last_seen_at FROM browser_sessions WHERE id = ?").pluck().get(sessionId) as
        | number
        | undefined;
      if (seen === undefined) return false;
      // A write per request would buy nothing: last-seen is kept to the hour.
      if (at - seen >= SESSION_SEEN_GRANULARITY_MS)
        q("UPDATE browser_sessions SET last_seen_at = ? WHERE id = ?").run(at, sessionId);
      return true;
    },

    async createExchange(e) {
      q("INSERT INTO exchanges (id, title, description, time_zone, created_at) VALUES (?, ?, ?, ?, ?)").run(
        e.id,
        e.title,
        e.description,
        e.timeZone,
        e.createdAt,
      );
    },
    async getExchange(exchangeId) {
      const row = q("SELECT * FROM exchanges WHERE id = ?").get(exchangeId) as Row | undefined;
      return row ? toExchange(row) : null;
    },
    async updateExchange(exchangeId, patch) {
      updateExchange(exchangeId, patch);
    },

    async createDelegation(d, at) {
      q(
        `INSERT INTO delegations (id, exchange_id, name, country, color, time_zone, working_language, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(d.id, d.exchangeId, d.name, d.country, d.color, d.timeZone, d.workingLanguage, at);
    },
    async listDelegations(exchangeId) {
      const rows = db
        .prepare("SELECT * FROM delegations WHERE exchange_id = ? ORDER BY created_at")
        .all(exchangeId);
      return (rows as Row[]).map(toDelegation);
    },
    async updateDelegation(delegationId, patch) {
      updateDelegation(delegationId, patch);
    },

    async createParticipant(participant) {
      insertParticipant.run(participant);
    },
    async getParticipant(participantId) {
      const row = q("SELECT * FROM participants WHERE id = ?").get(participantId) as Row | undefined;
      return row ? toParticipant(row) : null;
    },
    async findMember(sessionId, exchangeId) {
      const row = db
        .prepare("SELECT * FROM participants WHERE session_id = ? AND exchange_id = ? AND removed_at IS NULL")
        .get(sessionId, exchangeId) as Row | undefined;
      return row ? toParticipant(row) : null;
    },
    async listMemberships(sessionId) {
      const rows = db
        .prepare(
          `SELECT p.*, e.title, e.description, e.time_zone, e.created_at AS exchange_created_at
           FROM participants p JOIN exchanges e ON e.id = p.exchange_id
           WHERE p.session_id = ? AND p.removed_at IS NULL ORDER BY p.joined_at DESC`,
        )
        .all(sessionId) as Row[];
      return rows.map((row) => ({
        participant: toParticipant(row),
        exchange: toExchange({ ...row, id: row.exchange_id, created_at: row.exchange_created_at }),
      }));
    },
    async listParticipants(exchangeId) {
      const rows = db
        .prepare("SELECT * FROM participants WHERE exchange_id = ? AND removed_at IS NULL ORDER BY joined_at")
        .all(exchangeId);
      return (rows as Row[]).map(toParticipant);
    },
    async updateParticipant(participantId, patch) {
      updateParticipant(participantId, patch);
    },
    async removeParticipant(participantId, at) {
      q("UPDATE participants SET removed_at = ? WHERE id = ? AND removed_at IS NULL").run(at, participantId);
    },

    async createInvite(i) {
      q(
        `INSERT INTO invites (id, exchange_id, delegation_id, role, expires_at, max_uses, uses, revoked_at, created_by, created_at)
         VALUES (@id, @exchangeId, @delegationId, @role, @expiresAt, @maxUses, @uses, @revokedAt, @createdBy, @createdAt)`,
      ).run(i);
    },
    async getInvite(inviteId) {
      const row = q("SELECT * FROM invites WHERE id = ?").get(inviteId) as Row | undefined;
      return row ? toInvite(row) : null;
    },
    async listInvites(exchangeId) {
      const rows = db
        .prepare("SELECT * FROM invites WHERE exchange_id = ? ORDER BY created_at DESC")
        .all(exchangeId);
      return (rows as Row[]).map(toInvite);
    },
    async revokeInvite(inviteId, at) {
      q("UPDATE invites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").run(at, inviteId);
    },
    async joinWithInvite(inviteId, participant, at) {
      return join(inviteId, participant, at);
    },

    async createDocument(d) {
      q(
        `INSERT INTO documents (id, exchange_id, kind, title, created_by, created_at, updated_at, archived_at, template_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        d.id,
        d.exchangeId,
        d.kind,
        d.title,
        d.createdBy,
        d.createdAt,
        d.updatedAt,
        d.archived ? d.updatedAt : null,
        d.templateId ?? null,
      );
    },
    async getDocument(exchangeId, documentId) {
      const row = db
        .prepare("SELECT * FROM documents WHERE id = ? AND exchange_id = ?")
        .get(documentId, exchangeId) as Row | undefined;
      return row ? toDocument(row) : null;
    },
    async listDocuments(exchangeId) {
      const rows = db
        .prepare("SELECT * FROM documents WHERE exchange_id = ? ORDER BY created_at")
        .all(exchangeId);
      return (rows as Row[]).map(toDocument);
    },
    async updateDocument(documentId, patch, at) {
      if (patch.title !== undefined)
        q("UPDATE documents SET title = ?, updated_at = ? WHERE id = ?").run(patch.title, at, documentId);
      if (patch.archived !== undefined) {
        q("UPDATE documents SET archived_at = ?, updated_at = ? WHERE id = ?").run(
          patch.archived ? at : null,
          at,
          documentId,
        );
      }
    },

    ...sqliteTemplates(q),
  };
}
