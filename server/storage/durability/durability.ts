import type { UpdateJournal } from "../journal/updateJournal";

/**
 * Where a change is made durable before anyone else sees it (the store-before-relay rule):
 * - `journal`: appended to the local write-ahead journal (one `write`, durable at once; the database
 *   gets it later in batches). A single server on SQLite: its data directory is its own.
 * - `groupCommit`: committed to the database in one transaction with the other changes of its
 *   event-loop tick, and relayed and acknowledged only after the commit. PostgreSQL: an instance of a
 *   scale-out deployment is disposable, so a file on its disk would die with it.
 */
export type Durability = { kind: "journal"; journal: UpdateJournal } | { kind: "groupCommit" };
