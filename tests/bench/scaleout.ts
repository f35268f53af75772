import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import {
  createTestDatabase,
  scaleoutAvailable,
  TEST_REDIS_URL,
  type TestDatabase,
  uniqueRedisPrefix,
} from "../support/scaleout";
import { BENCH, ISOLATION, roomName } from "./config";
import { pinThisProcess } from "./cpuIsolation";
import { buildLargeDocument, coldSync, type LargeDocument, upload } from "./largeDocument";
import { addInto, median, newHistogram, quantile } from "./latency";
import { LoadGenerator } from "./loadShards";
import { cpuSeconds, directoryBytes, ioCounters } from "./procStats";
import {
  type BenchServer,
  killAllStarted,
  type MutualAccess,
  removeCreatedDataDirs,
  startMutual,
} from "./servers";
import { closeAll, sleep } from "./wsClient";

/**
 * The scale-out benchmark (issue 34): the main bench's load (20 rooms x 10 clients, 1,000 updates/s)
 * against one instance on SQLite, one on PostgreSQL + Redis, and two on PostgreSQL + Redis with every
 * other client of each room on the second instance. Fan-out latency of all deliveries and of those
 * that cross from one instance to the other, server CPU per delivery (Redis' own beside it), bytes
 * written per update, and the time to reload the large document after a restart.
 * `npm run bench:scaleout` runs it alone; `npm run bench` runs it after the main comparison.
 */

const SCALEOUT = {
  rate: BENCH.latency.rate,
  warmupMs: 10_000,
  windows: 10,
  windowMs: 2_000,
  drainMs: 2_000,
  reloads: 3,
};

type VariantName = "sqlite" | "postgres+redis" | "postgres+redis x2";

export interface VariantResult {
  name: VariantName;
  instances: number;
  sent: number;
  expected: number;
  delivered: number;
  p50Ms: number;
  p99Ms: number;
  /** Deliveries from a client on one instance to a client on the other (two instances only). */
  cross: { delivered: number; p50Ms: number; p99Ms: number } | null;
  /** CPU seconds of the Mutual instances (all of them) and of redis-server over the windows. */
  serverCpuSeconds: number;
  redisCpuSeconds: number | null;
  serverCpuPerDeliveryUs: number;
  redisCpuPerDeliveryUs: number | null;
  /** SQLite: the data directory's growth and bytes the process wrote; PostgreSQL: WAL bytes and the database's growth. */
  disk:
    | { kind: "sqlite"; dataDirBytesPerUpdate: number; writeBytesPerUpdate: number }
    | {
        kind: "postgres";
        walBytesPerUpdate: number;
        databaseBytesPerUpdate: number;
      };
  /** Graceful restart, then a fresh client's first sync of the large document (loaded from storage). */
  reload: { medianMs: number; minMs: number; maxMs: number; wireBytes: number } | null;
}

export interface ScaleoutResults {
  startedAt: string;
  durationSeconds: number;
  largeDocumentBytes: number;
  /** The machine's 1-minute load average at the start and the end (PostgreSQL and Redis are not on isolated cores). */
  loadAverage: { start: number; end: number };
  variants: VariantResult[];
}

const loadAverage = () => Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);

type Log = (line: string) => void;

interface Deployment {
  name: VariantName;
  servers: BenchServer[];
  database: TestDatabase | null;
  /** Starts an instance of this deployment again (the reload measurement). */
  restart(access: MutualAccess): Promise<BenchServer>;
}

/** Redis' own pid, for its CPU (INFO server). */
async function redisPid(): Promise<number | null> {
  const admin = new Redis(TEST_REDIS_URL);
  try {
    const info = await admin.info("server");
    const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
    return Number.isFinite(pid) ? pid : null;
  } finally {
    await admin.quit();
  }
}

async function pgQuery<T>(url: string, sql: string, values: unknown[] = []): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows[0] as T;
  } finally {
    await client.end();
  }
}

async function postgresCounters(database: TestDatabase) {
  const row = await pgQuery<{ lsn: string; size: string }>(
    database.url,
    "SELECT pg_current_wal_lsn()::text AS lsn, pg_database_size(current_database())::text AS size",
  );
  return { lsn: row.lsn, size: Number(row.size) };
}

async function walBytesSince(database: TestDatabase, lsn: string): Promise<number> {
  const row = await pgQuery<{ bytes: string }>(
    database.url,
    "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::text AS bytes",
    [lsn],
  );
  return Number(row.bytes);
}

async function measureLoad(deployment: Deployment, rooms: string[], log: Log) {
  const [first, second] = deployment.servers;
  await first!.prepare(rooms);
  const load = new LoadGenerator(rooms);
  try {
    await load.connect(
      first!.roomUrl,
      first!.headers,
      true,
      second ? { roomUrl: second.roomUrl, headers: second.headers } : undefined,
    );
    const { rate, warmupMs, windows, windowMs, drainMs } = SCALEOUT;
    await load.prepare(rate, warmupMs + windows * windowMs + 1_000);
    await load.run(rate, warmupMs, 0);
    const pids = deployment.servers.map((server) => server.pid);
    const redis = deployment.database ? await redisPid() : null;
    const cpuBefore = pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    const redisBefore = redis ? cpuSeconds(redis) : 0;
    const sqliteBefore = deployment.database
      ? null
      : { io: ioCounters(first!.pid), dir: directoryBytes(first!.dataDir!) };
    const pgBefore = deployment.database ? await postgresCounters(deployment.database) : null;
    const histogram = newHistogram();
    const crossHistogram = newHistogram();
    let sent = 0;
    let expected = 0;
    let delivered = 0;
    for (let i = 0; i < windows; i++) {
      const result = await load.run(rate, windowMs, drainMs);
      addInto(histogram, result.histogram);
      addInto(crossHistogram, result.crossHistogram);
      sent += result.sent;
      expected += result.expected;
      delivered += result.delivered;
      log(
        `  window ${i + 1}: p99 ${quantile(result.histogram, 0.99)} ms, ${result.delivered}/${result.expected}`,
      );
    }
    const serverCpuSeconds = pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0) - cpuBefore;
    const redisCpuSeconds = redis ? cpuSeconds(redis) - redisBefore : null;
    let disk: VariantResult["disk"];
    if (sqliteBefore) {
      disk = {
        kind: "sqlite",
        dataDirBytesPerUpdate: (directoryBytes(first!.dataDir!) - sqliteBefore.dir) / sent,
        writeBytesPerUpdate: (ioCounters(first!.pid).writeBytes - sqliteBefore.io.writeBytes) / sent,
      };
    } else {
      const database = deployment.database!;
      const wal = await walBytesSince(database, pgBefore!.lsn);
      const size = (await postgresCounters(database)).size;
      disk = {
        kind: "postgres",
        walBytesPerUpdate: wal / sent,
        databaseBytesPerUpdate: (size - pgBefore!.size) / sent,
      };
    }
    const crossCount = crossHistogram.reduce((a, b) => a + b, 0);
    const result: VariantResult = {
      name: deployment.name,
      instances: deployment.servers.length,
      sent,
      expected,
      delivered,
      p50Ms: quantile(histogram, 0.5),
      p99Ms: quantile(histogram, 0.99),
      cross: second
        ? {
            delivered: crossCount,
            p50Ms: quantile(crossHistogram, 0.5),
            p99Ms: quantile(crossHistogram, 0.99),
          }
        : null,
      serverCpuSeconds,
      redisCpuSeconds,
      serverCpuPerDeliveryUs: (1e6 * serverCpuSeconds) / delivered,
      redisCpuPerDeliveryUs: redisCpuSeconds === null ? null : (1e6 * redisCpuSeconds) / delivered,
      disk,
      reload: null,
    };
    await load.disconnect();
    return result;
  } finally {
    await load.terminate();
  }
}

/** Uploads the large document, stops the instance (it compacts), and times a fresh client's first sync after each restart. */
async function measureReload(deployment: Deployment, document: LargeDocument) {
  const room = roomName("largedoc", 1);
  let server = deployment.servers[0]!;
  const access = server.access!;
  const uploader = await upload(server, room, document);
  await closeAll([uploader]);
  await server.stop();
  const times: number[] = [];
  let wireBytes = 0;
  for (let i = 0; i < SCALEOUT.reloads; i++) {
    server = await deployment.restart(access);
    try {
      await sleep(300);
      const sync = await coldSync(server, room, document, i === 0);
      times.push(sync.ms);
      wireBytes = sync.bytes;
    } finally {
      await server.stop();
    }
  }
  return { medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), wireBytes };
}

async function deploy(name: VariantName): Promise<Deployment> {
  if (name === "sqlite") {
    const server = await startMutual();
    return {
      name,
      servers: [server],
      database: null,
      restart: (access) => startMutual(server.dataDir!, access),
    };
  }
  const database = await createTestDatabase("bench");
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: uniqueRedisPrefix("bench"),
    SESSION_SECRET: randomBytes(32).toString("hex"),
  };
  try {
    const first = await startMutual(undefined, null, undefined, env);
    const servers = [first];
    if (name === "postgres+redis x2")
      servers.push(await startMutual(undefined, first.access, undefined, env));
    return { name, servers, database, restart: (access) => startMutual(undefined, access, undefined, env) };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

export async function runScaleoutBench(log: Log, document?: LargeDocument): Promise<ScaleoutResults | null> {
  if (!(await scaleoutAvailable("scale-out benchmark", ["postgres", "redis"]))) return null;
  const started = Date.now();
  const loadAtStart = loadAverage();
  const large = document ?? buildLargeDocument(BENCH.largeDocument.targetBytes);
  const rooms = Array.from({ length: BENCH.rooms }, (_, i) => roomName("scaleout01", i + 1));
  const variants: VariantResult[] = [];
  for (const name of ["sqlite", "postgres+redis", "postgres+redis x2"] as const) {
    log(`\n== scale-out: ${name}`);
    const deployment = await deploy(name);
    try {
      const result = await measureLoad(deployment, rooms, log);
      for (const server of deployment.servers.slice(1)) await server.stop();
      if (name !== "postgres+redis x2") result.reload = await measureReload(deployment, large);
      variants.push(result);
    } finally {
      await Promise.allSettled(deployment.servers.map((server) => server.stop()));
      await deployment.database?.drop();
    }
  }
  return {
    startedAt: new Date(started).toISOString(),
    durationSeconds: (Date.now() - started) / 1000,
    largeDocumentBytes: large.update.byteLength,
    loadAverage: { start: loadAtStart, end: loadAverage() },
    variants,
  };
}

const fmt = (value: number | null | undefined, digits = 2) =>
  value === null || value === undefined || Number.isNaN(value) ? "-" : value.toFixed(digits);

export function printScaleoutReport(results: ScaleoutResults, log: Log): void {
  const base = results.variants.find((v) => v.name === "sqlite");
  log(
    `\n== scale-out (${SCALEOUT.rate} updates/s, ${BENCH.rooms} rooms x ${BENCH.clientsPerRoom} clients; ` +
      `load average ${results.loadAverage.start} at the start, ${results.loadAverage.end} at the end)`,
  );
  for (const v of results.variants) {
    const ratio = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(2)}x` : "-");
    log(`${v.name} (${v.instances} instance${v.instances > 1 ? "s" : ""}):`);
    log(
      `  fan-out p50 ${fmt(v.p50Ms)} ms (${ratio(v.p50Ms, base?.p50Ms)} SQLite), p99 ${fmt(v.p99Ms)} ms (${ratio(v.p99Ms, base?.p99Ms)}), ` +
        `${v.delivered}/${v.expected} delivered`,
    );
    if (v.cross) {
      log(
        `  across instances: p50 ${fmt(v.cross.p50Ms)} ms, p99 ${fmt(v.cross.p99Ms)} ms (${v.cross.delivered} deliveries)`,
      );
    }
    log(
      `  server CPU ${fmt(v.serverCpuPerDeliveryUs, 1)} µs per delivery` +
        (v.redisCpuPerDeliveryUs === null ? "" : `, redis-server ${fmt(v.redisCpuPerDeliveryUs, 1)} µs`),
    );
    if (v.disk.kind === "sqlite") {
      log(
        `  disk per update: data dir +${fmt(v.disk.dataDirBytesPerUpdate, 0)} B, written ${fmt(v.disk.writeBytesPerUpdate, 0)} B`,
      );
    } else {
      log(
        `  disk per update: PostgreSQL WAL ${fmt(v.disk.walBytesPerUpdate, 0)} B, database +${fmt(v.disk.databaseBytesPerUpdate, 0)} B`,
      );
    }
    if (v.reload) {
      log(
        `  reload of the ${Math.round(results.largeDocumentBytes / 1000)} KB document after a restart: ` +
          `median ${fmt(v.reload.medianMs, 1)} ms (${fmt(v.reload.minMs, 1)}-${fmt(v.reload.maxMs, 1)})`,
      );
    }
  }
}

/** `npm run bench:scaleout`: this part alone. */
async function main(): Promise<void> {
  const log: Log = (line) => process.stdout.write(`${line}\n`);
  pinThisProcess(ISOLATION);
  log(ISOLATION.summary);
  try {
    const results = await runScaleoutBench(log);
    if (!results) return;
    const out = join(import.meta.dirname, "..", "..", "test-results");
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "bench-scaleout.json"), `${JSON.stringify(results, null, 2)}\n`);
    printScaleoutReport(results, log);
    log(`\nresults written to test-results/bench-scaleout.json (${results.durationSeconds.toFixed(0)} s)`);
  } finally {
    killAllStarted();
    removeCreatedDataDirs();
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  main().then(
    () => process.exit(0),
    (error: Error) => {
      process.stderr.write(`bench:scaleout failed: ${error.stack ?? error.message}\n`);
      killAllStarted();
      process.exit(1);
    },
  );
}
