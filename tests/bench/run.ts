import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BENCH, roomName, type ServerKind } from "./config";
import { type IdleResult, measureIdleConnections } from "./idleConnections";
import { buildLargeDocument, type LargeDocumentResult, measureLargeDocument } from "./largeDocument";
import { LoadGenerator } from "./loadShards";
import { type LatencyResult, measureCapacity, measureLatency, type RampResult } from "./phases";
import { CLK_TCK } from "./procStats";
import { printReport } from "./report";
import { killAllStarted, mutualRoot, removeCreatedDataDirs, startServer } from "./servers";

export interface ServerResult {
  kind: ServerKind;
  idle: IdleResult;
  latency: LatencyResult;
  capacity: RampResult;
  largeDocument: LargeDocumentResult | null;
}

export interface BenchResults {
  startedAt: string;
  durationSeconds: number;
  machine: { cpus: number; node: string; clockTicks: number; loadWorkers: number };
  /** The checkout Mutual was started from (MUTUAL_ROOT, default this one). */
  mutualRoot: string;
  largeDocument: { encodedBytes: number; operations: number; textLength: number };
  servers: Record<ServerKind, ServerResult>;
}

const log = (line: string) => process.stdout.write(`${line}\n`);

async function benchOne(
  kind: ServerKind,
  load: LoadGenerator,
  document: ReturnType<typeof buildLargeDocument>,
) {
  log(`\n== ${kind}`);
  const server = await startServer(kind);
  log(`  started pid ${server.pid} on port ${server.port}`);
  let idle: IdleResult;
  let latency: LatencyResult;
  let capacity: RampResult;
  try {
    idle = await measureIdleConnections(server);
    log(`  idle: ${(idle.perConnectionBytes / 1024).toFixed(1)} KB per connection`);
    await server.prepare(load.rooms);
    await load.connect(server.roomUrl, server.headers, kind !== "relay");
    latency = await measureLatency(server, load);
    log(
      `  latency @${latency.offeredPerSecond}/s: p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms, ` +
        `${latency.delivered}/${latency.expected} delivered, CPU server ${(100 * latency.cpu.server).toFixed(0)} % / generator ${(100 * latency.cpu.generator).toFixed(0)} % / other ${(100 * latency.cpu.background).toFixed(0)} %`,
    );
    capacity = await measureCapacity(server, load);
    await load.disconnect();
  } catch (error) {
    log(`  server output:\n${server.tail()}`);
    throw error;
  } finally {
    await server.stop();
  }
  let largeDocument: LargeDocumentResult | null = null;
  if (kind !== "relay") {
    largeDocument = await measureLargeDocument(kind, document);
    log(`  large document: cold sync ${largeDocument.coldSync.medianMs.toFixed(1)} ms`);
  }
  return { kind, idle, latency, capacity, largeDocument };
}

async function main(): Promise<void> {
  const started = Date.now();
  const limit = setTimeout(() => {
    process.stderr.write(`bench: over the ${BENCH.totalTimeLimitMs / 1000} s limit, stopping\n`);
    killAllStarted();
    process.exit(2);
  }, BENCH.totalTimeLimitMs);

  log(`building a ~${BENCH.largeDocument.targetBytes / 1000} KB document from small edits...`);
  const document = buildLargeDocument(BENCH.largeDocument.targetBytes);
  log(`  ${document.update.byteLength} bytes encoded, ${document.operations} edits`);

  const rooms = Array.from({ length: BENCH.rooms }, (_, i) => roomName("benchroom01", i + 1));
  const load = new LoadGenerator(rooms);
  const servers = {} as Record<ServerKind, ServerResult>;
  try {
    for (const kind of BENCH.servers) servers[kind] = await benchOne(kind, load, document);
  } finally {
    await load.terminate();
    killAllStarted();
    removeCreatedDataDirs();
  }

  const results: BenchResults = {
    startedAt: new Date(started).toISOString(),
    durationSeconds: (Date.now() - started) / 1000,
    machine: {
      cpus: (await import("node:os")).availableParallelism(),
      node: process.version,
      clockTicks: CLK_TCK,
      loadWorkers: load.workerCount,
    },
    mutualRoot,
    largeDocument: {
      encodedBytes: document.update.byteLength,
      operations: document.operations,
      textLength: document.textLength,
    },
    servers,
  };
  const out = join(import.meta.dirname, "..", "..", "test-results");
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "bench.json"), `${JSON.stringify(results, null, 2)}\n`);
  printReport(results, log);
  log(`\nresults written to test-results/bench.json (${results.durationSeconds.toFixed(0)} s)`);
  clearTimeout(limit);
}

process.on("SIGINT", () => {
  killAllStarted();
  process.exit(130);
});

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
    killAllStarted();
    process.exit(1);
  },
);
