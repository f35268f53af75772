import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { measureCapacity, type RampResult } from "./capacityPhase";
import { BENCH, ISOLATION, roomName, type ServerKind } from "./config";
import { type CpuIsolation, pinThisProcess } from "./cpuIsolation";
import { printHistoryReport, runHistoryBench } from "./history";
import { type IdleResult, measureIdleConnections } from "./idleConnections";
import {
  buildLargeDocument,
  type LargeDocument,
  type LargeDocumentResult,
  measureLargeDocument,
} from "./largeDocument";
import { type LatencyResult, type LatencySubject, measureLatency } from "./latencyPhase";
import { LoadGenerator } from "./loadShards";
import { CLK_TCK, MACHINE_CORES } from "./procStats";
import { printReport } from "./report";
import { printScaleoutReport, runScaleoutBench } from "./scaleout";
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
  machine: { cpus: number; node: string; clockTicks: number; loadWorkers: number; isolation: CpuIsolation };
  /** The checkout Mutual was started from (MUTUAL_ROOT, default this one). */
  mutualRoot: string;
  largeDocument: { encodedBytes: number; operations: number; textLength: number };
  servers: Record<ServerKind, ServerResult>;
}

const log = (line: string) => process.stdout.write(`${line}\n`);

interface Started extends LatencySubject {
  idle: IdleResult;
}

/** Starts a server, measures its idle connections, then connects its own load (kept for the latency windows). */
async function startOne(kind: ServerKind, rooms: string[]): Promise<Started> {
  log(`\n== ${kind}`);
  const server = await startServer(kind);
  log(`  started pid ${server.pid} on port ${server.port}`);
  try {
    const idle = await measureIdleConnections(server);
    log(`  idle: ${(idle.perConnectionBytes / 1024).toFixed(1)} KB per connection`);
    // Unloading the idle phase's 210 rooms is that phase's clean-up (the reference does it as each
    // client leaves): done before the latency windows, not in the middle of one.
    await server.settle();
    await server.prepare(rooms);
    const load = new LoadGenerator(rooms);
    await load.connect(server.roomUrl, server.headers, kind !== "relay");
    return { server, load, idle };
  } catch (error) {
    log(`  server output:\n${server.tail()}`);
    throw error;
  }
}

/** Capacity, then the server is stopped and (not the relay) the large document measured. */
async function finishOne(
  started: Started,
  latency: LatencyResult,
  document: LargeDocument,
): Promise<ServerResult> {
  const { server, load, idle } = started;
  const kind = server.kind;
  log(`\n== ${kind}`);
  let capacity: RampResult;
  try {
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

  // Before any load thread exists: the threads started later inherit these cores.
  pinThisProcess(ISOLATION);
  log(ISOLATION.summary);
  log(`building a ~${BENCH.largeDocument.targetBytes / 1000} KB document from small edits...`);
  const document = buildLargeDocument(BENCH.largeDocument.targetBytes);
  log(`  ${document.update.byteLength} bytes encoded, ${document.operations} edits`);

  const rooms = Array.from({ length: BENCH.rooms }, (_, i) => roomName("benchroom01", i + 1));
  const servers = {} as Record<ServerKind, ServerResult>;
  const subjects: Started[] = [];
  try {
    for (const kind of BENCH.servers) subjects.push(await startOne(kind, rooms));
    log(`\n== fan-out latency: ${BENCH.latency.rounds} rounds of one window per server`);
    const latency = await measureLatency(subjects);
    for (const [i, result] of latency.entries()) {
      log(
        `  ${subjects[i]!.server.kind}: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${result.delivered}/${result.expected} delivered, ` +
          `CPU server ${(100 * result.cpu.server).toFixed(0)} % / generator ${(100 * result.cpu.generator).toFixed(0)} % / other ${(100 * result.cpu.background).toFixed(0)} %`,
      );
    }
    for (const [i, one] of subjects.entries()) {
      servers[one.server.kind] = await finishOne(one, latency[i]!, document);
    }
  } finally {
    await Promise.allSettled(subjects.map((one) => one.load.terminate()));
    killAllStarted();
    removeCreatedDataDirs();
  }

  const results: BenchResults = {
    startedAt: new Date(started).toISOString(),
    durationSeconds: (Date.now() - started) / 1000,
    machine: {
      cpus: MACHINE_CORES,
      node: process.version,
      clockTicks: CLK_TCK,
      loadWorkers: BENCH.workers,
      isolation: ISOLATION,
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

  // Issue 32: version history (in-process storage and history service; BENCH_HISTORY=0 leaves it out).
  if (process.env.BENCH_HISTORY !== "0") {
    const history = await runHistoryBench(log);
    writeFileSync(join(out, "bench-history.json"), `${JSON.stringify(history, null, 2)}\n`);
    printHistoryReport(history, log);
  }

  // Issue 34: the same load on PostgreSQL + Redis, one and two instances (skipped, with a line saying
  // so, where those services do not answer; BENCH_SCALEOUT=0 leaves it out).
  if (process.env.BENCH_SCALEOUT === "0") return;
  try {
    const scaleout = await runScaleoutBench(log, document);
    if (!scaleout) return;
    writeFileSync(join(out, "bench-scaleout.json"), `${JSON.stringify(scaleout, null, 2)}\n`);
    printScaleoutReport(scaleout, log);
  } finally {
    killAllStarted();
    removeCreatedDataDirs();
  }
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
