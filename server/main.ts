import { loadConfig } from "./config";
import { createApp } from "./createApp";
import { createLogger } from "./log";
import { createScaleOut } from "./scaleout/scaleOut";
import { openStorage } from "./storage/openStorage";

// The only file that reads the environment and starts things.
const log = createLogger((line) => process.stdout.write(line));

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // PostgreSQL when DATABASE_URL is set, else the SQLite file in the data directory.
  const storage = await openStorage(config, log);
  const server = createApp(config, {
    documents: storage.documents,
    durability: storage.durability,
    directory: storage.directory,
    secret: storage.secret,
    log,
    scaleOut: config.redisUrl
      ? createScaleOut({ url: config.redisUrl, prefix: config.redisPrefix, log })
      : null,
    databasePing: storage.ping,
  });
  const { port } = await server.listen();
  log.info("listening", {
    host: config.host,
    port,
    url: `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}/`,
    dataDir: config.dataDir,
    storage: storage.backend,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("shutdown.start", { signal });
    await server.close();
    await storage.close();
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
