import type { Database } from "better-sqlite3";
import type pg from "pg";
import * as Y from "yjs";
import type {
  DocumentStorage,
  HistoryCheckpoint,
  LoggedUpdate,
  StoredDocument,
} from "../server/storage/DocumentStorage";
import { mergeStoredUpdates } from "../server/storage/mergeStoredUpdates";

export interface DocumentCheck {
  document: string;
  ok: boolean;
  updates: number;
  bytes: number;
  /** What differs, when something does. */
  problems: string[];
}

const sameBytes = (a: Uint8Array | null, b: Uint8Array | null) =>
  a === null || b === null ? a === b : Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

/** The document a stored state encodes, as one update (null when nothing is stored). */
function encoded(stored: StoredDocument | null): Uint8Array | null {
  if (!stored) return null;
  const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
  const { update } = mergeStoredUpdates(parts);
  // Re-encoded from a fresh doc: the same content gives the same bytes whatever order built it.
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const bytes = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return bytes;
}

function logDifference(a: LoggedUpdate[], b: LoggedUpdate[]): string | null {
  if (a.length !== b.length) return `log holds ${a.length} updates in SQLite, ${b.length} in PostgreSQL`;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.seq !== y.seq || !sameBytes(x.update, y.update)) return `update ${x.seq} differs`;
    if (x.author !== y.author || x.delegationId !== y.delegationId || x.createdAt !== y.createdAt) {
      return `attribution of update ${x.seq} differs`;
    }
  }
  return null;
}

/** Each of the document's history checkpoints in SQLite must be in PostgreSQL as it is, and no later one. */
async function checkpointDifference(
  sqlite: Database,
  to: DocumentStorage,
  document: string,
): Promise<string | null> {
  const checkpoints = sqlite
    .prepare(
      `SELECT through_seq AS throughSeq, data FROM history_checkpoints WHERE document_name = ?
       ORDER BY through_seq`,
    )
    .all(document) as HistoryCheckpoint[];
  for (const checkpoint of checkpoints) {
    const found = await to.findCheckpoint(document, checkpoint.throughSeq);
    if (found?.throughSeq !== checkpoint.throughSeq || !sameBytes(found.data, checkpoint.data))
      return `history checkpoint through update ${checkpoint.throughSeq} differs`;
  }
  const latest = await to.findCheckpoint(document);
  if ((latest?.throughSeq ?? null) !== (checkpoints.at(-1)?.throughSeq ?? null))
    return `PostgreSQL has a history checkpoint through update ${latest?.throughSeq} that SQLite lacks`;
  return null;
}

/**
 * Checks every document of the SQLite database against PostgreSQL: the attributed log (seq, bytes,
 * author, delegation, time), the client-id bindings, the snapshot, the versions, the history
 * checkpoints, and the document both encode. One result per document, reported as it is checked.
 */
export async function verifyDocuments(
  sqlite: Database,
  from: DocumentStorage,
  to: DocumentStorage,
  report: (check: DocumentCheck) => void,
): Promise<DocumentCheck[]> {
  const names = sqlite
    .prepare(
      `SELECT document_name FROM document_updates UNION SELECT document_name FROM document_snapshots
       UNION SELECT document_name FROM client_bindings ORDER BY 1`,
    )
    .pluck()
    .all() as string[];
  const checks: DocumentCheck[] = [];
  for (const document of names) {
    const problems: string[] = [];
    const [log, pgLog] = await Promise.all([from.listUpdates(document), to.listUpdates(document)]);
    const logProblem = logDifference(log, pgLog);
    if (logProblem) problems.push(logProblem);
    const [bindings, pgBindings] = await Promise.all([
      from.listBindings(document),
      to.listBindings(document),
    ]);
    const key = (b: { clientId: number; participantId: string; delegationId: string | null }) =>
      `${b.clientId}:${b.participantId}:${b.delegationId}`;
    if (bindings.map(key).sort().join() !== pgBindings.map(key).sort().join())
      problems.push("bindings differ");
    const [versions, pgVersions] = await Promise.all([
      from.listVersions(document, { limit: 1_000_000 }),
      to.listVersions(document, { limit: 1_000_000 }),
    ]);
    const version = (v: (typeof versions)[number]) =>
      JSON.stringify({ ...v, stateVector: Buffer.from(v.stateVector).toString("base64") });
    if (versions.map(version).join("\n") !== pgVersions.map(version).join("\n"))
      problems.push("versions differ");
    const checkpointProblem = await checkpointDifference(sqlite, to, document);
    if (checkpointProblem) problems.push(checkpointProblem);
    const [stored, pgStored] = await Promise.all([from.loadDocument(document), to.loadDocument(document)]);
    if (!sameBytes(stored?.snapshot ?? null, pgStored?.snapshot ?? null)) problems.push("snapshots differ");
    const content = encoded(stored);
    if (!sameBytes(content, encoded(pgStored))) problems.push("encoded documents differ");
    const check: DocumentCheck = {
      document,
      ok: problems.length === 0,
      updates: log.length,
      bytes: content?.byteLength ?? 0,
      problems,
    };
    checks.push(check);
    report(check);
  }
  return checks;
}

/** Tables checked document by document above; every other copied table is compared row by row. */
const DOCUMENT_TABLES = new Set([
  "document_updates",
  "document_snapshots",
  "client_bindings",
  "document_versions",
  "history_checkpoints",
]);

/** A row as comparable text: numbers whatever their SQL type, bytes as base64. */
function rowKey(row: Record<string, unknown>, columns: string[]): string {
  return JSON.stringify(
    columns.map((column) => {
      const value = row[column];
      if (typeof value === "bigint") return Number(value);
      if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
      return value;
    }),
  );
}

export interface TableCheck {
  table: string;
  ok: boolean;
  sqlite: number;
  postgres: number;
}

/**
 * The directory (exchanges, delegations, people, invites, documents, templates and any other table
 * but the documents' own): the same rows on both sides, whatever their order.
 */
export async function verifyTables(
  sqlite: Database,
  pool: pg.Pool,
  tables: Map<string, string[]>,
  report: (check: TableCheck) => void,
): Promise<TableCheck[]> {
  const checks: TableCheck[] = [];
  for (const [table, columns] of tables) {
    if (DOCUMENT_TABLES.has(table)) continue;
    const list = columns.map((column) => `"${column}"`).join(", ");
    const expected = new Set(
      (sqlite.prepare(`SELECT ${list} FROM "${table}"`).all() as Array<Record<string, unknown>>).map((row) =>
        rowKey(row, columns),
      ),
    );
    const { rows } = await pool.query(`SELECT ${list} FROM "${table}"`);
    const found = rows.map((row: Record<string, unknown>) => rowKey(row, columns));
    const check: TableCheck = {
      table,
      sqlite: expected.size,
      postgres: found.length,
      ok: found.length === expected.size && found.every((key) => expected.has(key)),
    };
    checks.push(check);
    report(check);
  }
  return checks;
}
