import type pg from "pg";
import type { LoggedUpdate } from "../DocumentStorage";
import { toBytes } from "../rows/bytes";
import {
  type BindingRow,
  END,
  type HistoryMethods,
  type LogRow,
  storedVersion,
  toBinding,
  toCheckpoint,
  toLoggedUpdate,
  toVersion,
  VERSION_COLUMNS,
  type VersionRow,
  versionJson,
} from "../rows/historyRows";

/** The history half of PostgreSQL's DocumentStorage (issue 32), the same queries as SQLite's. */
export function postgresHistory(pool: pg.Pool): HistoryMethods {
  return {
    async listUpdates(documentName, range = {}): Promise<LoggedUpdate[]> {
      const { rows } = await pool.query<LogRow>(
        `SELECT seq, data, author, delegation_id, created_at FROM document_updates
         WHERE document_name = $1 AND seq > $2 AND seq <= $3 ORDER BY seq`,
        [documentName, range.afterSeq ?? 0, range.throughSeq ?? END],
      );
      return rows.map(toLoggedUpdate);
    },
    async lastSeq(documentName) {
      const { rows } = await pool.query<{ seq: number | null }>(
        "SELECT MAX(seq) AS seq FROM document_updates WHERE document_name = $1",
        [documentName],
      );
      return rows[0]?.seq ?? 0;
    },
    async logBytes(documentName, range = {}) {
      const { rows } = await pool.query<{ bytes: number | null }>(
        `SELECT SUM(octet_length(data))::int8 AS bytes FROM document_updates
         WHERE document_name = $1 AND seq > $2 AND seq <= $3`,
        [documentName, range.afterSeq ?? 0, range.throughSeq ?? END],
      );
      return rows[0]?.bytes ?? 0;
    },
    async listBindings(documentName) {
      const { rows } = await pool.query<BindingRow>(
        "SELECT client_id, participant_id, delegation_id FROM client_bindings WHERE document_name = $1",
        [documentName],
      );
      return rows.map(toBinding);
    },
    async addVersion(version) {
      const json = versionJson(version);
      const { rows } = await pool.query<{ id: number }>(
        `INSERT INTO document_versions
           (document_name, through_seq, created_at, kind, name, event, created_by, contributors, state_vector, changes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          version.documentName,
          version.throughSeq,
          version.createdAt,
          version.kind,
          version.name,
          json.event,
          version.createdBy,
          json.contributors,
          version.stateVector,
          version.changes,
        ],
      );
      return storedVersion(version, rows[0]!.id);
    },
    async listVersions(documentName, page) {
      const { rows } = await pool.query<VersionRow>(
        `SELECT ${VERSION_COLUMNS} FROM document_versions
         WHERE document_name = $1 AND id < $2 ORDER BY id DESC LIMIT $3`,
        [documentName, page.beforeId ?? END, page.limit],
      );
      return rows.map(toVersion);
    },
    async getVersion(documentName, id) {
      const { rows } = await pool.query<VersionRow>(
        `SELECT ${VERSION_COLUMNS} FROM document_versions WHERE document_name = $1 AND id = $2`,
        [documentName, id],
      );
      return rows[0] ? toVersion(rows[0]) : null;
    },
    async countVersions(documentName) {
      const { rows } = await pool.query<{ count: number }>(
        "SELECT COUNT(*)::int8 AS count FROM document_versions WHERE document_name = $1",
        [documentName],
      );
      return rows[0]?.count ?? 0;
    },
    async versionChanges(documentName, range) {
      const { rows } = await pool.query<{ changes: Buffer }>(
        `SELECT changes FROM document_versions
         WHERE document_name = $1 AND through_seq > $2 AND through_seq <= $3 ORDER BY through_seq, id`,
        [documentName, range.afterSeq ?? 0, range.throughSeq ?? END],
      );
      return rows.map((row) => toBytes(row.changes));
    },
    async renameVersion(documentName, id, name) {
      const result = await pool.query(
        "UPDATE document_versions SET name = $1 WHERE document_name = $2 AND id = $3",
        [name, documentName, id],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async addCheckpoint(documentName, checkpoint, at) {
      await pool.query(
        "INSERT INTO history_checkpoints (document_name, through_seq, data, created_at) VALUES ($1, $2, $3, $4)",
        [documentName, checkpoint.throughSeq, checkpoint.data, at],
      );
    },
    async findCheckpoint(documentName, throughSeq) {
      const { rows } = await pool.query<{ through_seq: number; data: Buffer }>(
        `SELECT through_seq, data FROM history_checkpoints WHERE document_name = $1 AND through_seq <= $2
         ORDER BY through_seq DESC LIMIT 1`,
        [documentName, throughSeq ?? END],
      );
      return rows[0] ? toCheckpoint(rows[0]) : null;
    },
    async checkpointSize(documentName, throughSeq) {
      const { rows } = await pool.query<{ through_seq: number; bytes: number }>(
        `SELECT through_seq, octet_length(data) AS bytes FROM history_checkpoints
         WHERE document_name = $1 AND through_seq <= $2 ORDER BY through_seq DESC LIMIT 1`,
        [documentName, throughSeq ?? END],
      );
      return rows[0] ? { throughSeq: Number(rows[0].through_seq), bytes: Number(rows[0].bytes) } : null;
    },
  };
}
