import type { Statement } from "better-sqlite3";
import type { DirectoryStorage, StoredParticipant } from "../DirectoryStorage";
import {
  DELEGATION_PATCH,
  DOCUMENT_COLUMNS,
  documentValues,
  EXCHANGE_PATCH,
  PARTICIPANT_PATCH,
  type Patchable,
  patchStatement,
  type Row,
  SESSION_SEEN_GRANULARITY_MS,
  toDelegation,
  toDocument,
  toExchange,
  toInvite,
  toMembership,
  toParticipant,
} from "../rows/directoryRows";
import type { SqliteDatabase } from "./openSqliteDatabase";
import { sqliteTemplates } from "./sqliteTemplates";

type Prepare = (sql: string) => Statement;

/** DirectoryStorage on the embedded SQLite database. */
export function createSqliteDirectoryStorage(db: SqliteDatabase): DirectoryStorage {
  // Statements are prepared once and reused: every WebSocket upgrade runs several of these queries.
  const statements = new Map<string, Statement>();
  const q: Prepare = (sql) => {
    const statement = statements.get(sql) ?? db.prepare(sql);
    statements.set(sql, statement);
    return statement;
  };
  const all = (sql: string, ...params: unknown[]) => q(sql).all(...params) as Row[];
  const get = (sql: string, ...params: unknown[]) => q(sql).get(...params) as Row | undefined;
  const insertParticipant = q(
    `INSERT INTO participants (id, exchange_id, delegation_id, session_id, display_name, role, ui_language, joined_at, removed_at)
     VALUES (@id, @exchangeId, @delegationId, @sessionId, @displayName, @role, @uiLanguage, @joinedAt, @removedAt)`,
  );
  const useInvite = q(
    `UPDATE invites SET uses = uses + 1
     WHERE id = ? AND revoked_at IS NULL AND expires_at > ? AND (max_uses IS NULL OR uses < max_uses)`,
  );
  const update = (target: Patchable, id: string, patch: Record<string, unknown>) => {
    const statement = patchStatement(target, id, patch, () => "?");
    if (statement) q(statement.sql).run(...statement.values);
  };
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
      const row = get("SELECT * FROM exchanges WHERE id = ?", exchangeId);
      return row ? toExchange(row) : null;
    },
    async updateExchange(exchangeId, patch) {
      update(EXCHANGE_PATCH, exchangeId, patch);
    },

    async createDelegation(d, at) {
      q(
        `INSERT INTO delegations (id, exchange_id, name, country, color, time_zone, working_language, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(d.id, d.exchangeId, d.name, d.country, d.color, d.timeZone, d.workingLanguage, at);
    },
    async listDelegations(exchangeId) {
      const rows = all("SELECT * FROM delegations WHERE exchange_id = ? ORDER BY created_at", exchangeId);
      return rows.map(toDelegation);
    },
    async updateDelegation(delegationId, patch) {
      update(DELEGATION_PATCH, delegationId, patch);
    },

    async createParticipant(participant) {
      insertParticipant.run(participant);
    },
    async getParticipant(participantId) {
      const row = get("SELECT * FROM participants WHERE id = ?", participantId);
      return row ? toParticipant(row) : null;
    },
    async findMember(sessionId, exchangeId) {
      const row = get(
        "SELECT * FROM participants WHERE session_id = ? AND exchange_id = ? AND removed_at IS NULL",
        sessionId,
        exchangeId,
      );
      return row ? toParticipant(row) : null;
    },
    async listMemberships(sessionId) {
      const rows = all(
        `SELECT p.*, e.title, e.description, e.time_zone, e.created_at AS exchange_created_at
         FROM participants p JOIN exchanges e ON e.id = p.exchange_id
         WHERE p.session_id = ? AND p.removed_at IS NULL ORDER BY p.joined_at DESC`,
        sessionId,
      );
      return rows.map(toMembership);
    },
    async listParticipants(exchangeId) {
      const rows = all(
        "SELECT * FROM participants WHERE exchange_id = ? AND removed_at IS NULL ORDER BY joined_at",
        exchangeId,
      );
      return rows.map(toParticipant);
    },
    async updateParticipant(participantId, patch) {
      update(PARTICIPANT_PATCH, participantId, patch);
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
      const row = get("SELECT * FROM invites WHERE id = ?", inviteId);
      return row ? toInvite(row) : null;
    },
    async listInvites(exchangeId) {
      const rows = all("SELECT * FROM invites WHERE exchange_id = ? ORDER BY created_at DESC", exchangeId);
      return rows.map(toInvite);
    },
    async revokeInvite(inviteId, at) {
      q("UPDATE invites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").run(at, inviteId);
    },
    async joinWithInvite(inviteId, participant, at) {
      return join(inviteId, participant, at);
    },

    async createDocument(d) {
      q(`INSERT INTO documents (${DOCUMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        ...documentValues(d),
      );
    },
    async getDocument(exchangeId, documentId) {
      const row = get("SELECT * FROM documents WHERE id = ? AND exchange_id = ?", documentId, exchangeId);
      return row ? toDocument(row) : null;
    },
    async listDocuments(exchangeId) {
      const rows = all("SELECT * FROM documents WHERE exchange_id = ? ORDER BY created_at", exchangeId);
      return rows.map(toDocument);
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
    async markRunStarted(documentId, at) {
      q("UPDATE documents SET run_started_at = ? WHERE id = ? AND run_started_at IS NULL").run(
        at,
        documentId,
      );
    },

    ...sqliteTemplates(q),
  };
}
