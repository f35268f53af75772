import type { JournalPosition, UpdateRecord } from "../DocumentStorage";
import type { SqliteDatabase } from "./openSqliteDatabase";

/** Appends a batch of updates, with their client bindings, in one transaction. */
export type AppendTransaction = (
  records: readonly UpdateRecord[],
  journal: JournalPosition | undefined,
  at: number,
) => void;

/**
 * The one way a batch of updates is written, on whichever connection runs it: the event loop's
 * (tests, `:memory:`) or the storage worker's. The journal position advances in the same transaction,
 * never backwards.
 */
export function prepareAppendTransaction(db: SqliteDatabase): AppendTransaction {
  // The author's delegation now, read in the same transaction: history attributes each change to the
  // delegation its author had when writing it, whatever it becomes later.
  const insertUpdate = db.prepare<[string, Uint8Array, string | null, number, string | null]>(
    `INSERT INTO document_updates (document_name, data, author, created_at, delegation_id)
     VALUES (?, ?, ?, ?, (SELECT delegation_id FROM participants WHERE id = ?))`,
  );
  const insertBinding = db.prepare<[string, number, string, number, string]>(
    `INSERT OR IGNORE INTO client_bindings (document_name, client_id, participant_id, bound_at, delegation_id)
     VALUES (?, ?, ?, ?, (SELECT delegation_id FROM participants WHERE id = ?))`,
  );
  // Row values compare (segment, offset) in order.
  const advanceJournalPosition = db.prepare<[number, number, number, number]>(
    `UPDATE journal_state SET applied_segment = ?, applied_offset = ?
     WHERE id = 1 AND (applied_segment, applied_offset) < (?, ?)`,
  );
  return db.transaction(
    (records: readonly UpdateRecord[], journal: JournalPosition | undefined, at: number) => {
      if (journal)
        advanceJournalPosition.run(journal.segment, journal.offset, journal.segment, journal.offset);
      for (const { documentName, update, author, newClientIds } of records) {
        insertUpdate.run(documentName, update, author, at, author);
        if (author)
          for (const clientId of newClientIds ?? [])
            insertBinding.run(documentName, clientId, author, at, author);
      }
    },
  );
}
