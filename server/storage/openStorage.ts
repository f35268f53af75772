import { loadOrCreateServerSecret } from "../auth/serverSecret";
import type { Config } from "../config";
import type { Logger } from "../log";
import type { DirectoryStorage } from "./DirectoryStorage";
import type { DocumentStorage } from "./DocumentStorage";
import type { Durability } from "./durability/durability";
import { openUpdateJournal } from "./journal/updateJournal";
import { openPostgres } from "./postgres/openPostgres";
import { createPostgresDirectoryStorage } from "./postgres/PostgresDirectoryStorage";
import { createPostgresDocumentStorage } from "./postgres/PostgresDocumentStorage";
import { loadOrCreatePostgresSecret } from "./postgres/postgresSecret";
import { openSqliteDatabase } from "./sqlite/openSqliteDatabase";
import { createSqliteDirectoryStorage } from "./sqlite/SqliteDirectoryStorage";
import { createSqliteDocumentStorage } from "./sqlite/SqliteDocumentStorage";
import { startStorageWorker } from "./sqlite/storageWorker";
import { startWalCheckpointer } from "./sqlite/walCheckpointer";

/** The storage a server runs on, chosen by the configuration, and how to close it. */
export interface OpenedStorage {
  backend: "sqlite" | "postgres";
  documents: DocumentStorage;
  directory: DirectoryStorage;
  durability: Durability;
  secret: Buffer;
  /** Answers once the database does. */
  ping(): Promise<unknown>;
  /** After the server closed: stops workers and closes connections. */
  close(): Promise<void>;
}

/**
 * DATABASE_URL set: PostgreSQL (migrated on start), changes made durable by group commits. Otherwise
 * the embedded SQLite file in the data directory, with its update journal, exactly as a single server.
 */
export async function openStorage(config: Config, log: Logger): Promise<OpenedStorage> {
  if (config.databaseUrl) {
    const db = await openPostgres(config.databaseUrl, {
      max: config.databasePoolSize,
      onIdleError: (error) => log.warn("storage.connection_lost", { error: error.message }),
    });
    const documents = createPostgresDocumentStorage(db.pool);
    return {
      backend: "postgres",
      documents,
      directory: createPostgresDirectoryStorage(db.pool),
      durability: { kind: "groupCommit" },
      secret: await loadOrCreatePostgresSecret(db.pool, config.sessionSecret),
      ping: () => documents.ping(),
      async close() {
        await documents.close();
        await db.close();
      },
    };
  }
  const db = openSqliteDatabase(config.databaseFile);
  const checkpointer =
    config.checkpointIntervalMs > 0
      ? startWalCheckpointer(db, config.databaseFile, {
          intervalMs: config.checkpointIntervalMs,
          onError: (error) => log.warn("storage.checkpoint_failed", { error }),
        })
      : null;
  // Batches of updates are committed, and snapshots built, on a worker thread: off the event loop.
  const storageWorker = startStorageWorker(config.databaseFile);
  const documents = createSqliteDocumentStorage(db, { worker: storageWorker });
  return {
    backend: "sqlite",
    documents,
    directory: createSqliteDirectoryStorage(db),
    durability: { kind: "journal", journal: await openUpdateJournal(config.journalDir, documents, log) },
    secret: loadOrCreateServerSecret(config.secretFile, config.sessionSecret),
    ping: async () => db.prepare("select 1").get(),
    async close() {
      await storageWorker.stop();
      await checkpointer?.stop();
      db.close();
    },
  };
}
