import type { ClientBinding, HistoryCheckpoint, LoggedUpdate } from "../DocumentStorage";
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
import type { SqliteDatabase } from "./openSqliteDatabase";

/**
 * The history half of SQLite's DocumentStorage (issue 32): the attributed log read by range, client-id
 * bindings with their delegation, versions (points in the log) and checkpoints. All on the event
 * loop's connection: history reads are occasional and short, the hot path is the append worker's.
 */
export function sqliteHistory(db: SqliteDatabase): HistoryMethods {
  const selectLog = db.prepare<[string, number, number], LogRow>(
    `SELECT seq, data, author, delegation_id, created_at FROM document_updates
     WHERE document_name = ? AND seq > ? AND seq <= ? ORDER BY seq`,
  );
  const selectLastSeq = db
    .prepare<[string], number | null>("SELECT MAX(seq) FROM document_updates WHERE document_name = ?")
    .pluck();
  const selectLogBytes = db
    .prepare<[string, number, number], number | null>(
      `SELECT SUM(LENGTH(data)) FROM document_updates WHERE document_name = ? AND seq > ? AND seq <= ?`,
    )
    .pluck();
  const selectBindings = db.prepare<[string], BindingRow>(
    "SELECT client_id, participant_id, delegation_id FROM client_bindings WHERE document_name = ?",
  );
  const insertVersion = db.prepare(
    `INSERT INTO document_versions
       (document_name, through_seq, created_at, kind, name, event, created_by, contributors, state_vector, changes)
     VALUES (@documentName, @throughSeq, @createdAt, @kind, @name, @event, @createdBy, @contributors, @stateVector, @changes)`,
  );
  const selectVersionsBefore = db.prepare<[string, number, number], VersionRow>(
    `SELECT ${VERSION_COLUMNS} FROM document_versions WHERE document_name = ? AND id < ? ORDER BY id DESC LIMIT ?`,
  );
  const selectVersion = db.prepare<[string, number], VersionRow>(
    `SELECT ${VERSION_COLUMNS} FROM document_versions WHERE document_name = ? AND id = ?`,
  );
  const selectCount = db
    .prepare<[string], number>("SELECT COUNT(*) FROM document_versions WHERE document_name = ?")
    .pluck();
  const selectChanges = db
    .prepare<[string, number, number], Buffer>(
      `SELECT changes FROM document_versions WHERE document_name = ? AND through_seq > ? AND through_seq <= ?
       ORDER BY through_seq, id`,
    )
    .pluck();
  const updateName = db.prepare<[string | null, string, number]>(
    "UPDATE document_versions SET name = ? WHERE document_name = ? AND id = ?",
  );
  const insertCheckpoint = db.prepare<[string, number, Uint8Array, number]>(
    "INSERT INTO history_checkpoints (document_name, through_seq, data, created_at) VALUES (?, ?, ?, ?)",
  );
  const selectCheckpoint = db.prepare<[string, number], { through_seq: number; data: Buffer }>(
    `SELECT through_seq, data FROM history_checkpoints WHERE document_name = ? AND through_seq <= ?
     ORDER BY through_seq DESC LIMIT 1`,
  );
  const selectCheckpointSize = db.prepare<[string, number], { through_seq: number; bytes: number }>(
    `SELECT through_seq, length(data) AS bytes FROM history_checkpoints WHERE document_name = ? AND through_seq <= ?
     ORDER BY through_seq DESC LIMIT 1`,
  );

  return {
    async listUpdates(documentName, range = {}): Promise<LoggedUpdate[]> {
      return selectLog.all(documentName, range.afterSeq ?? 0, range.throughSeq ?? END).map(toLoggedUpdate);
    },
    async lastSeq(documentName) {
      return selectLastSeq.get(documentName) ?? 0;
    },
    async logBytes(documentName, range = {}) {
      return selectLogBytes.get(documentName, range.afterSeq ?? 0, range.throughSeq ?? END) ?? 0;
    },
    async listBindings(documentName): Promise<ClientBinding[]> {
      return selectBindings.all(documentName).map(toBinding);
    },
    async addVersion(version) {
      const result = insertVersion.run({ ...version, ...versionJson(version) });
      return storedVersion(version, Number(result.lastInsertRowid));
    },
    async listVersions(documentName, page) {
      return selectVersionsBefore.all(documentName, page.beforeId ?? END, page.limit).map(toVersion);
    },
    async getVersion(documentName, id) {
      const row = selectVersion.get(documentName, id);
      return row ? toVersion(row) : null;
    },
    async countVersions(documentName) {
      return selectCount.get(documentName) ?? 0;
    },
    async versionChanges(documentName, range) {
      return selectChanges.all(documentName, range.afterSeq ?? 0, range.throughSeq ?? END).map(toBytes);
    },
    async renameVersion(documentName, id, name) {
      return updateName.run(name, documentName, id).changes > 0;
    },
    async addCheckpoint(documentName, checkpoint: HistoryCheckpoint, at) {
      insertCheckpoint.run(documentName, checkpoint.throughSeq, checkpoint.data, at);
    },
    async findCheckpoint(documentName, throughSeq) {
      const row = selectCheckpoint.get(documentName, throughSeq ?? END);
      return row ? toCheckpoint(row) : null;
    },
    async checkpointSize(documentName, throughSeq) {
      const row = selectCheckpointSize.get(documentName, throughSeq ?? END);
      return row ? { throughSeq: row.through_seq, bytes: row.bytes } : null;
    },
  };
}
