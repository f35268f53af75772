import { loadOrCreateServerSecret } from "./auth/serverSecret";
import { loadConfig } from "./config";
import { createApp } from "./createApp";
import { createLogger } from "./log";
import { createScaleOut } from "./scaleout/scaleOut";
import { openUpdateJournal } from "./storage/journal/updateJournal";
import { openSqliteDatabase } from "./storage/sqlite/openSqliteDatabase";
import { createSqliteDirectoryStorage } from "./storage/sqlite/SqliteDirectoryStorage";
import { createSqliteDocumentStorage } from "./storage/sqlite/SqliteDocumentStorage";
import { startStorageWorker } from "./storage/sqlite/storageWorker";
import { startWalCheckpointer } from "./storage/sqlite/walCheckpointer";

// The only file that reads the environment and starts things.
const log = createLogger((line) => process.stdout.write(line));

async function main(): Promise<void> {
  const config = loadConfig(process.env);
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
  const server = createApp(config, {
    documents,
    journal: await openUpdateJournal(config.journalDir, documents, log),
    directory: createSqliteDirectoryStorage(db),
    secret: loadOrCreateServerSecret(config.secretFile, config.sessionSecret),
    log,
    scaleOut: config.redisUrl
      ? createScaleOut({ url: config.redisUrl, prefix: config.redisPrefix, log })
      : null,
    databasePing: async () => db.prepare("select 1").get(),
  });
  const { port } = await server.listen();
  log.info("listening", {
    host: config.host,
    port,
    url: `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}/`,
    dataDir: config.dataDir,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("shutdown.start", { signal });
    await server.close();
    await storageWorker.stop();
    await checkpointer?.stop();
    db.close();
    log.info("shutdown.done", { signal });
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: Error) => {
  log.error("startup.failed", { error: error.message });
  process.exit(1);
});
