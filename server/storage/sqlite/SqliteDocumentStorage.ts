import type { DocumentStorage, StoredDocument, UpdateRecord } from "../DocumentStorage";
import type { SqliteDatabase } from "./openSqliteDatabase";

/** DocumentStorage on the embedded SQLite database (synchronous underneath, async at the interface). */
export function createSqliteDocumentStorage(
  db: SqliteDatabase,
  now: () => number = Date.now,
): DocumentStorage {
  const selectSnapshot = db.prepare<[string], { data: Buffer }>(
    "SELECT data FROM document_snapshots WHERE document_name = ?",
  );
  const selectUpdates = db
    .prepare<[string], Buffer>("SELECT data FROM document_updates WHERE document_name = ? ORDER BY seq")
    .pluck();
  const insertUpdate = db.prepare<[string, Uint8Array, number]>(
    "INSERT INTO document_updates (document_name, data, created_at) VALUES (?, ?, ?)",
  );
  const upsertSnapshot = db.prepare<[string, Uint8Array, number]>(
    `INSERT INTO document_snapshots (document_name, data, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (document_name) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
  );
  const deleteUpdates = db.prepare<[string]>("DELETE FROM document_updates WHERE document_name = ?");
  const countStmt = db
    .prepare<[string], number>("SELECT COUNT(*) FROM document_updates WHERE document_name = ?")
    .pluck();

  const load = db.transaction((documentName: string): StoredDocument | null => {
    const snapshot = selectSnapshot.get(documentName)?.data ?? null;
    const updates = selectUpdates.all(documentName);
    if (!snapshot && updates.length === 0) return null;
    return { snapshot: snapshot && toBytes(snapshot), updates: updates.map(toBytes) };
  });
  const append = db.transaction((records: readonly UpdateRecord[]) => {
    const at = now();
    for (const { documentName, update } of records) insertUpdate.run(documentName, update, at);
  });
  const compact = db.transaction((documentName: string, snapshot: Uint8Array) => {
    upsertSnapshot.run(documentName, snapshot, now());
    deleteUpdates.run(documentName);
  });

  return {
    async loadDocument(documentName) {
      return load(documentName);
    },
    async appendUpdates(records) {
      if (records.length > 0) append(records);
    },
    async compact(documentName, snapshot) {
      compact(documentName, snapshot);
    },
    async countUpdates(documentName) {
      return countStmt.get(documentName) ?? 0;
    },
    async close() {
      // The database handle is shared with other stores; its owner closes it.
    },
  };
}

function toBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
