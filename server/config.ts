import { resolve } from "node:path";
import { z } from "zod";
import { type CollabLimits, DEFAULT_LIMITS } from "../shared/validation/limits";

/** Everything the server can be configured with; built from the environment by main.ts only. */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseFile: string;
  /** Where changes are journaled before they are relayed, until the database holds them. */
  journalDir: string;
  staticDir: string;
  limits: CollabLimits;
  /** How long journaled changes gather before they are written to the database as one transaction... */
  flushIntervalMs: number;
  /** ...or how many, whichever comes first. */
  flushMaxBatch: number;
  /** How long an empty room stays loaded before it is saved, compacted and unloaded. */
  roomIdleMs: number;
  /** A document's update log is compacted into a snapshot once it holds this many updates. */
  compactAfterUpdates: number;
  /** How often a worker thread checkpoints the SQLite write-ahead log (0: SQLite's own, inside commits). */
  checkpointIntervalMs: number;
  /** When set, creating an exchange requires this token. */
  operatorToken: string | null;
  /** Key for session ids and invite tokens; generated into the data directory when not set. */
  sessionSecret: string | undefined;
  secretFile: string;
  /** Origins besides the server's own that may call the API and open sockets (e.g. behind a proxy). */
  trustedOrigins: string[];
  /** Warning lines logged per minute about the connections of one remote address; the rest are counted. */
  warningsPerMinute: number;
  /** Scale-out: PostgreSQL for documents and the directory (null: the SQLite file in the data directory). */
  databaseUrl: string | null;
  /** Scale-out: connections each instance keeps to PostgreSQL. */
  databasePoolSize: number;
  /** Scale-out: Redis, through which instances relay rooms to each other (null: a single server). */
  redisUrl: string | null;
  /** Scale-out: start of every Redis key and channel name (one deployment per prefix). */
  redisPrefix: string;
  /**
   * Behind a reverse proxy: which hops to trust for the client's address (Express "trust proxy": a
   * hop count, or addresses/subnets such as "loopback"); null trusts none, as without a proxy. Rate
   * limits count per client address, which without it is the proxy's for everyone.
   */
  trustProxy: string | number | null;
}

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envSchema = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: int(0, 65535).default(8040),
  DATA_DIR: z.string().min(1).default("data"),
  STATIC_DIR: z.string().min(1).default("dist/client"),
  MAX_MESSAGE_BYTES: int(1024, 256 * 1024 * 1024).default(DEFAULT_LIMITS.maxMessageBytes),
  MAX_DOCUMENT_BYTES: int(1024, 1024 * 1024 * 1024).default(DEFAULT_LIMITS.maxDocumentBytes),
  FLUSH_INTERVAL_MS: int(0, 60_000).default(1000),
  // Each commit rewrites the index and table pages the batch touches: at 1,000 changes/s, batches of 32
  // cost ~1,300 bytes written per change and a busier worker, batches of 256 ~950. The journal, not the
  // database, makes a change durable, so a larger batch loses nothing in a crash.
  FLUSH_MAX_BATCH: int(1, 100_000).default(256),
  ROOM_IDLE_MS: int(0, 24 * 3600_000).default(30_000),
  COMPACT_AFTER_UPDATES: int(1, 1_000_000).default(2000),
  CHECKPOINT_INTERVAL_MS: int(0, 600_000).default(1000),
  OPERATOR_TOKEN: z.string().min(12, "must be at least 12 characters").optional(),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  WARNINGS_PER_MINUTE: int(1, 1_000_000).default(20),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  DATABASE_POOL_SIZE: int(1, 1000).default(10),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
    .optional(),
  REDIS_PREFIX: z.string().min(1).max(100).default("mutual:"),
  TRUST_PROXY: z.string().min(1).optional(),
  TRUSTED_ORIGINS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
});

/** Builds the config from the environment variables documented in the README; throws a readable error. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  // Instances each on their own SQLite file would relay to each other and store apart: silently diverging.
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new Error(
      "Invalid configuration: REDIS_URL: needs DATABASE_URL (instances must share one PostgreSQL database)",
    );
  }
  const dataDir = resolve(e.DATA_DIR);
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir,
    databaseFile: resolve(dataDir, "mutual.db"),
    journalDir: resolve(dataDir, "journal"),
    staticDir: resolve(e.STATIC_DIR),
    limits: { maxMessageBytes: e.MAX_MESSAGE_BYTES, maxDocumentBytes: e.MAX_DOCUMENT_BYTES },
    flushIntervalMs: e.FLUSH_INTERVAL_MS,
    flushMaxBatch: e.FLUSH_MAX_BATCH,
    roomIdleMs: e.ROOM_IDLE_MS,
    compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
    checkpointIntervalMs: e.CHECKPOINT_INTERVAL_MS,
    operatorToken: e.OPERATOR_TOKEN ?? null,
    sessionSecret: e.SESSION_SECRET,
    secretFile: resolve(dataDir, "secret.key"),
    trustedOrigins: e.TRUSTED_ORIGINS,
    warningsPerMinute: e.WARNINGS_PER_MINUTE,
    databaseUrl: e.DATABASE_URL ?? null,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL ?? null,
    redisPrefix: e.REDIS_PREFIX,
    trustProxy:
      e.TRUST_PROXY === undefined
        ? null
        : /^\d+$/.test(e.TRUST_PROXY)
          ? Number(e.TRUST_PROXY)
          : e.TRUST_PROXY,
  };
}
