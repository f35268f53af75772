import type pg from "pg";
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
import { inTransaction } from "./openPostgres";
import { postgresTemplates } from "./postgresTemplates";

type Query = (sql: string, values?: unknown[]) => Promise<Row[]>;

const INSERT_PARTICIPANT = `INSERT INTO participants
  (id, exchange_id, delegation_id, session_id, display_name, role, ui_language, joined_at, removed_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;
const participantValues = (p: StoredParticipant) => [
  p.id,
  p.exchangeId,
  p.delegationId,
  p.sessionId,
  p.displayName,
  p.role,
  p.uiLanguage,
  p.joinedAt,
  p.removedAt,
];

/** DirectoryStorage on PostgreSQL: the same tables and queries as SQLite's, shared by every instance. */
export function createPostgresDirectoryStorage(pool: pg.Pool): DirectoryStorage {
  const query: Query = async (sql, values) => (await pool.query(sql, values)).rows as Row[];
  const update = async (target: Patchable, id: string, patch: Record<string, unknown>) => {
    const statement = patchStatement(target, id, patch, (index) => `$${index + 1}`);
    if (statement) await query(statement.sql, statement.values);
  };

  return {
    async createSession(sessionId, at) {
      await query("INSERT INTO browser_sessions (id, created_at, last_seen_at) VALUES ($1, $2, $2)", [
        sessionId,
        at,
      ]);
    },
    async touchSession(sessionId, at) {
      // One round trip: refresh last-seen only when it is an hour old (a write per request buys nothing).
      const rows = await query(
        `WITH found AS (SELECT id, last_seen_at FROM browser_sessions WHERE id = $1),
              touched AS (
                UPDATE browser_sessions SET last_seen_at = $2
                WHERE id = $1 AND $2 - last_seen_at >= $3 RETURNING id
              )
         SELECT id FROM found`,
        [sessionId, at, SESSION_SEEN_GRANULARITY_MS],
      );
      return rows.length > 0;
    },

    async createExchange(e) {
      await query(
        "INSERT INTO exchanges (id, title, description, time_zone, created_at) VALUES ($1, $2, $3, $4, $5)",
        [e.id, e.title, e.description, e.timeZone, e.createdAt],
      );
    },
    async getExchange(exchangeId) {
      const [row] = await query("SELECT * FROM exchanges WHERE id = $1", [exchangeId]);
      return row ? toExchange(row) : null;
    },
    async updateExchange(exchangeId, patch) {
      await update(EXCHANGE_PATCH, exchangeId, patch);
    },

    async createDelegation(d, at) {
      await query(
        `INSERT INTO delegations (id, exchange_id, name, country, color, time_zone, working_language, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [d.id, d.exchangeId, d.name, d.country, d.color, d.timeZone, d.workingLanguage, at],
      );
    },
    async listDelegations(exchangeId) {
      const rows = await query("SELECT * FROM delegations WHERE exchange_id = $1 ORDER BY created_at, id", [
        exchangeId,
      ]);
      return rows.map(toDelegation);
    },
    async updateDelegation(delegationId, patch) {
      await update(DELEGATION_PATCH, delegationId, patch);
    },

    async createParticipant(participant) {
      await query(INSERT_PARTICIPANT, participantValues(participant));
    },
    async getParticipant(participantId) {
      const [row] = await query("SELECT * FROM participants WHERE id = $1", [participantId]);
      return row ? toParticipant(row) : null;
    },
    async findMember(sessionId, exchangeId) {
      const [row] = await query(
        "SELECT * FROM participants WHERE session_id = $1 AND exchange_id = $2 AND removed_at IS NULL",
        [sessionId, exchangeId],
      );
      return row ? toParticipant(row) : null;
    },
    async listMemberships(sessionId) {
      const rows = await query(
        `SELECT p.*, e.title, e.description, e.time_zone, e.created_at AS exchange_created_at
         FROM participants p JOIN exchanges e ON e.id = p.exchange_id
         WHERE p.session_id = $1 AND p.removed_at IS NULL ORDER BY p.joined_at DESC`,
        [sessionId],
      );
      return rows.map(toMembership);
    },
    async listParticipants(exchangeId) {
      const rows = await query(
        "SELECT * FROM participants WHERE exchange_id = $1 AND removed_at IS NULL ORDER BY joined_at, id",
        [exchangeId],
      );
      return rows.map(toParticipant);
    },
    async updateParticipant(participantId, patch) {
      await update(PARTICIPANT_PATCH, participantId, patch);
    },
    async removeParticipant(participantId, at) {
      await query("UPDATE participants SET removed_at = $1 WHERE id = $2 AND removed_at IS NULL", [
        at,
        participantId,
      ]);
    },

    async createInvite(i) {
      await query(
        `INSERT INTO invites (id, exchange_id, delegation_id, role, expires_at, max_uses, uses, revoked_at, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          i.id,
          i.exchangeId,
          i.delegationId,
          i.role,
          i.expiresAt,
          i.maxUses,
          i.uses,
          i.revokedAt,
          i.createdBy,
          i.createdAt,
        ],
      );
    },
    async getInvite(inviteId) {
      const [row] = await query("SELECT * FROM invites WHERE id = $1", [inviteId]);
      return row ? toInvite(row) : null;
    },
    async listInvites(exchangeId) {
      const rows = await query("SELECT * FROM invites WHERE exchange_id = $1 ORDER BY created_at DESC, id", [
        exchangeId,
      ]);
      return rows.map(toInvite);
    },
    async revokeInvite(inviteId, at) {
      await query("UPDATE invites SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL", [at, inviteId]);
    },
    async joinWithInvite(inviteId, participant, at) {
      // The use is counted by a conditional UPDATE, which takes the invite's row lock: two instances
      // admitting the last use of an invite at once cannot both succeed.
      return inTransaction(pool, async (client) => {
        const used = await client.query(
          `UPDATE invites SET uses = uses + 1
           WHERE id = $1 AND revoked_at IS NULL AND expires_at > $2 AND (max_uses IS NULL OR uses < max_uses)`,
          [inviteId, at],
        );
        if (used.rowCount !== 1) return false;
        await client.query(INSERT_PARTICIPANT, participantValues(participant));
        return true;
      });
    },

    async createDocument(d) {
      await query(
        `INSERT INTO documents (${DOCUMENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        documentValues(d),
      );
    },
    async getDocument(exchangeId, documentId) {
      const [row] = await query("SELECT * FROM documents WHERE id = $1 AND exchange_id = $2", [
        documentId,
        exchangeId,
      ]);
      return row ? toDocument(row) : null;
    },
    async listDocuments(exchangeId) {
      const rows = await query("SELECT * FROM documents WHERE exchange_id = $1 ORDER BY created_at, id", [
        exchangeId,
      ]);
      return rows.map(toDocument);
    },
    async updateDocument(documentId, patch, at) {
      if (patch.title !== undefined) {
        await query("UPDATE documents SET title = $1, updated_at = $2 WHERE id = $3", [
          patch.title,
          at,
          documentId,
        ]);
      }
      if (patch.archived !== undefined) {
        await query("UPDATE documents SET archived_at = $1, updated_at = $2 WHERE id = $3", [
          patch.archived ? at : null,
          at,
          documentId,
        ]);
      }
    },
    async markRunStarted(documentId, at) {
      await query("UPDATE documents SET run_started_at = $1 WHERE id = $2 AND run_started_at IS NULL", [
        at,
        documentId,
      ]);
    },

    ...postgresTemplates(query),
  };
}
