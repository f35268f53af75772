import { BENCH } from "./config";
import { addInto, newHistogram, quantile } from "./latency";
import type { LoadGenerator } from "./loadShards";
import { runMetered } from "./meteredRun";
import { type CpuWindow, cpuMeter, directoryBytes, ioCounters, rssSampler } from "./procStats";
import { waitForQuiet } from "./quiet";
import type { BenchServer } from "./servers";

export interface LatencyResult {
  offeredPerSecond: number;
  sent: number;
  planned: number;
  expected: number;
  delivered: number;
  framesReceived: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Cores used (server, load generator, whole machine, everything else) while sending, averaged over the windows. */
  cpu: CpuWindow;
  serverRssMeanBytes: number;
  serverRssPeakBytes: number;
  /** The busiest load thread's event-loop utilisation, averaged over the windows. */
  generatorElu: number;
  /** p99 of each measured window, in order: a tail made by one disturbed window shows here. */
  windowP99Ms: number[];
  /** Measured windows, and how many of them were measured again because other processes disturbed them. */
  windows: number;
  repeatedWindows: number;
  disk?: DiskResult;
}

export interface DiskResult {
  writeBytes: number;
  wchar: number;
  dataDirGrowthBytes: number;
  perUpdateWriteBytes: number;
  perUpdateWchar: number;
  perUpdateDataDirBytes: number;
}

/** A server under test with its own connected load (its clients stay connected between windows). */
export interface LatencySubject {
  server: BenchServer;
  load: LoadGenerator;
}

interface Totals {
  histogram: Uint32Array;
  sent: number;
  planned: number;
  expected: number;
  delivered: number;
  frames: number;
  cpu: CpuWindow[];
  rssMeans: number[];
  rssPeak: number;
  elu: number[];
  windowP99Ms: number[];
  repeated: number;
}

/**
 * Fan-out latency at the load (1,000 updates/s over 20 rooms x 10 clients), measured in short
 * windows that take turns between the servers (round after round, each round in another order), so
 * that every server gets the same share of the machine's slow drifts and bursts of noise; one long
 * run per server, one after the other, made the ratios depend on which came when. A window disturbed
 * by other processes is measured again, a bounded number of times.
 */
/** Returns one result per subject, in their order. */
export async function measureLatency(subjects: LatencySubject[]): Promise<LatencyResult[]> {
  const { rate, warmupMs, windowMs, windowWarmupMs, rounds, maxBackgroundCores, maxIdleServerCores } =
    BENCH.latency;
  const maxRepeats = rounds;
  const perWindowMs = windowWarmupMs + windowMs;
  const totals = new Map<LatencySubject, Totals>();
  const io = new Map<LatencySubject, { counters: ReturnType<typeof ioCounters>; dirBytes: number }>();

  for (const subject of subjects) {
    const { server, load } = subject;
    // Enough prepared updates for the warm-up, every window and every allowed repeat.
    await load.prepare(rate, warmupMs + (rounds + maxRepeats) * perWindowMs + 1_000);
    await waitForQuiet(BENCH.quietWaitMs.latency);
    await load.run(rate, warmupMs, 0);
    totals.set(subject, emptyTotals());
    if (server.kind === "mutual" && server.dataDir) {
      io.set(subject, { counters: ioCounters(server.pid), dirBytes: directoryBytes(server.dataDir) });
    }
  }

  let repeats = 0;
  for (let round = 0; round < rounds; round++) {
    // Rotate who goes first, so that no server always follows the same one.
    const order = subjects.map((_, i) => subjects[(i + round) % subjects.length]!);
    for (const subject of order) {
      const total = totals.get(subject)!;
      for (;;) {
        await waitForQuiet(BENCH.quietWaitMs.rampStep);
        await subject.load.run(rate, windowWarmupMs, 0);
        // The servers waiting for their turn must stay idle: the reference pings all its clients every
        // 30 s, and a burst like that in another server's window is noise that server did not make.
        const others = subjects
          .filter((other) => other !== subject)
          .map((other) => cpuMeter(other.server.pid));
        const window = await measureWindow(subject, rate, windowMs);
        const othersBusy = Math.max(0, ...others.map((meter) => meter()));
        const disturbed = window.cpu.background > maxBackgroundCores || othersBusy > maxIdleServerCores;
        if (!disturbed || repeats >= maxRepeats) {
          addWindow(total, window);
          // Per window, so that a tail made by one disturbed window shows as such.
          process.stdout.write(
            `  round ${round + 1} ${subject.server.label}: p99 ${quantile(window.result.histogram, 0.99)} ms, ` +
              `CPU server ${pct(window.cpu.server)} / generator ${pct(window.cpu.generator)} / other ${pct(window.cpu.background)}, ` +
              `event loop waited ${pct(window.cpu.eventLoopWaiting)}\n`,
          );
          break;
        }
        repeats++;
        total.repeated++;
        process.stdout.write(
          `  (${subject.server.label}: other processes used ${window.cpu.background.toFixed(2)} cores, the busiest ` +
            `idle server ${othersBusy.toFixed(3)}, during a window: measuring it again)\n`,
        );
      }
    }
  }

  return subjects.map((subject) => {
    const { server } = subject;
    const total = totals.get(subject)!;
    const before = io.get(subject);
    return {
      offeredPerSecond: rate,
      sent: total.sent,
      planned: total.planned,
      expected: total.expected,
      delivered: total.delivered,
      framesReceived: total.frames,
      p50Ms: quantile(total.histogram, 0.5),
      p99Ms: quantile(total.histogram, 0.99),
      maxMs: quantile(total.histogram, 1),
      cpu: meanCpu(total.cpu),
      serverRssMeanBytes: mean(total.rssMeans),
      serverRssPeakBytes: total.rssPeak,
      generatorElu: mean(total.elu),
      windowP99Ms: total.windowP99Ms,
      windows: total.cpu.length,
      repeatedWindows: total.repeated,
      ...(before && server.dataDir ? { disk: diskSince(server, before, total.sent) } : {}),
    };
  });
}

async function measureWindow({ server, load }: LatencySubject, rate: number, durationMs: number) {
  const rss = rssSampler(server.pid);
  const { result, cpu } = await runMetered(server, load, rate, durationMs);
  return { result, cpu, rss: rss() };
}

function emptyTotals(): Totals {
  return {
    histogram: newHistogram(),
    sent: 0,
    planned: 0,
    expected: 0,
    delivered: 0,
    frames: 0,
    cpu: [],
    rssMeans: [],
    rssPeak: 0,
    elu: [],
    windowP99Ms: [],
    repeated: 0,
  };
}

function addWindow(total: Totals, { result, cpu, rss }: Awaited<ReturnType<typeof measureWindow>>): void {
  addInto(total.histogram, result.histogram);
  total.sent += result.sent;
  total.planned += result.planned;
  total.expected += result.expected;
  total.delivered += result.delivered;
  total.frames += result.frames;
  total.cpu.push(cpu);
  total.rssMeans.push(rss.mean);
  total.rssPeak = Math.max(total.rssPeak, rss.peak);
  total.elu.push(result.elu);
  total.windowP99Ms.push(quantile(result.histogram, 0.99));
}

function diskSince(
  server: BenchServer,
  before: { counters: ReturnType<typeof ioCounters>; dirBytes: number },
  sent: number,
): DiskResult {
  const after = ioCounters(server.pid);
  const writeBytes = after.writeBytes - before.counters.writeBytes;
  const wchar = after.wchar - before.counters.wchar;
  const dataDirGrowthBytes = directoryBytes(server.dataDir!) - before.dirBytes;
  return {
    writeBytes,
    wchar,
    dataDirGrowthBytes,
    perUpdateWriteBytes: writeBytes / sent,
    perUpdateWchar: wchar / sent,
    perUpdateDataDirBytes: dataDirGrowthBytes / sent,
  };
}

const pct = (share: number) => (Number.isNaN(share) ? "-" : `${(100 * share).toFixed(0)} %`);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

function meanCpu(windows: CpuWindow[]): CpuWindow {
  return {
    server: mean(windows.map((w) => w.server)),
    generator: mean(windows.map((w) => w.generator)),
    machine: mean(windows.map((w) => w.machine)),
    background: mean(windows.map((w) => w.background)),
    eventLoop: mean(windows.map((w) => w.eventLoop)),
    eventLoopWaiting: mean(windows.map((w) => w.eventLoopWaiting)),
  };
}
