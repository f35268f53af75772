import { availableParallelism } from "node:os";
import { BENCH } from "./config";
import { count, quantile } from "./latency";
import type { LoadGenerator, LoadResult } from "./loadShards";
import { type CpuWindow, cpuWindow, directoryBytes, ioCounters, rssSampler } from "./procStats";
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
  /** Cores used (server, load generator, whole machine, everything else) while sending. */
  cpu: CpuWindow;
  serverRssMeanBytes: number;
  serverRssPeakBytes: number;
  generatorElu: number;
  /** 2 when the first measurement was disturbed by other processes and was repeated. */
  attempts: number;
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

/**
 * Fan-out latency at the issue's load (1,000 updates/s over 20 rooms x 10 clients), with server CPU/RSS
 * (and disk for Mutual). Measured once more when other processes disturbed it; the quieter one is kept.
 */
export async function measureLatency(server: BenchServer, load: LoadGenerator): Promise<LatencyResult> {
  let best: LatencyResult | null = null;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const result = await measureLatencyOnce(server, load, attempt);
    if (!best || result.cpu.background < best.cpu.background) best = result;
    if (result.cpu.background <= BENCH.latency.maxBackgroundCores) break;
    process.stdout.write(
      `  (other processes used ${result.cpu.background.toFixed(2)} cores during the measurement: measuring again)\n`,
    );
  }
  return best!;
}

async function measureLatencyOnce(
  server: BenchServer,
  load: LoadGenerator,
  attempt: number,
): Promise<LatencyResult> {
  const { rate, warmupMs, measureMs } = BENCH.latency;
  await load.prepare(rate, warmupMs + measureMs + 1_000);
  await waitForQuiet(BENCH.quietWaitMs.latency);
  await load.run(rate, warmupMs, 0);

  const rss = rssSampler(server.pid);
  const io = server.kind === "mutual" ? ioCounters(server.pid) : null;
  const dirBefore = server.dataDir ? directoryBytes(server.dataDir) : 0;
  const { result, cpu } = await runMetered(server, load, rate, measureMs);
  const rssStats = rss();

  let disk: DiskResult | undefined;
  if (io && server.dataDir) {
    const after = ioCounters(server.pid);
    const writeBytes = after.writeBytes - io.writeBytes;
    const wchar = after.wchar - io.wchar;
    const dataDirGrowthBytes = directoryBytes(server.dataDir) - dirBefore;
    disk = {
      writeBytes,
      wchar,
      dataDirGrowthBytes,
      perUpdateWriteBytes: writeBytes / result.sent,
      perUpdateWchar: wchar / result.sent,
      perUpdateDataDirBytes: dataDirGrowthBytes / result.sent,
    };
  }
  return {
    offeredPerSecond: rate,
    sent: result.sent,
    planned: result.planned,
    expected: result.expected,
    delivered: result.delivered,
    framesReceived: result.frames,
    p50Ms: quantile(result.histogram, 0.5),
    p99Ms: quantile(result.histogram, 0.99),
    maxMs: quantile(result.histogram, 1),
    cpu,
    serverRssMeanBytes: rssStats.mean,
    serverRssPeakBytes: rssStats.peak,
    generatorElu: result.elu,
    attempts: attempt,
    ...(disk ? { disk } : {}),
  };
}

/** One run of the load with CPU read over exactly the sending window (not the drain). */
async function runMetered(server: BenchServer, load: LoadGenerator, rate: number, durationMs: number) {
  const meter = cpuWindow(server.pid, availableParallelism());
  let cpu: CpuWindow | null = null;
  const timer = setTimeout(() => {
    cpu = meter();
  }, durationMs);
  const result = await load.run(rate, durationMs, BENCH.ramp.drainMs);
  clearTimeout(timer);
  return { result, cpu: cpu ?? meter() };
}

export interface RampStep {
  offeredPerSecond: number;
  /** Updates actually offered per second (below the plan when the generator could not keep up). */
  achievedPerSecond: number;
  deliveriesPerSecond: number;
  expected: number;
  delivered: number;
  lost: number;
  p50Ms: number;
  p99Ms: number;
  cpu: CpuWindow;
  generatorElu: number;
  /** 1 for the first try; a failed step is tried once more (the machine may be shared). */
  attempt: number;
  sustained: boolean;
  /** Why the step failed: late, lost, or the generator could not offer the rate. */
  failure: string | null;
}

export interface RampResult {
  steps: RampStep[];
  maxSustainedUpdatesPerSecond: number;
  maxSustainedDeliveriesPerSecond: number;
  /** What stopped the ramp, and which side was saturated then. */
  stoppedBy: string;
  saturated: "server" | "generator" | "machine" | "neither" | "none";
}

function describe(result: LoadResult, cpu: CpuWindow, attempt: number): RampStep {
  const ramp = BENCH.ramp;
  const seconds = ramp.stepMs / 1000;
  const p99Ms = quantile(result.histogram, 0.99);
  const lost = result.expected - result.delivered;
  let failure: string | null = null;
  if (result.sent < ramp.minOfferedShare * result.planned) {
    failure = `generator offered only ${((100 * result.sent) / result.planned).toFixed(0)} % of the plan`;
  } else if (lost > 0)
    failure = `${lost} of ${result.expected} deliveries lost (not within ${ramp.drainMs} ms)`;
  else if (!(p99Ms <= ramp.lateP99Ms)) failure = `late: p99 ${p99Ms.toFixed(0)} ms > ${ramp.lateP99Ms} ms`;
  return {
    offeredPerSecond: Math.round(result.planned / seconds),
    achievedPerSecond: Math.round(result.sent / (result.sendMs / 1000)),
    deliveriesPerSecond: Math.round(count(result.histogram) / seconds),
    expected: result.expected,
    delivered: result.delivered,
    lost,
    p50Ms: quantile(result.histogram, 0.5),
    p99Ms,
    cpu,
    generatorElu: result.elu,
    attempt,
    sustained: failure === null,
    failure,
  };
}

/** Raises the offered rate step by step until deliveries come late or get lost; bounded in steps and time. */
export async function measureCapacity(server: BenchServer, load: LoadGenerator): Promise<RampResult> {
  const { startRate, factor, maxSteps, stepMs, drainMs, timeLimitMs } = BENCH.ramp;
  const steps: RampStep[] = [];
  const started = performance.now();
  let rate: number = startRate;
  let stoppedBy = `reached the step limit (${maxSteps})`;
  for (let i = 0; i < maxSteps; i++) {
    if (performance.now() - started + stepMs + drainMs > timeLimitMs) {
      stoppedBy = `reached the time limit (${timeLimitMs / 1000} s)`;
      break;
    }
    let step: RampStep | null = null;
    for (let attempt = 1; attempt <= 2; attempt++) {
      if (attempt > 1 && performance.now() - started + stepMs + drainMs > timeLimitMs) break;
      // A failed try may leave a backlog in the server: let it settle before the retry.
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, drainMs));
      await load.prepare(rate, stepMs);
      await waitForQuiet(BENCH.quietWaitMs.rampStep);
      const { result, cpu } = await runMetered(server, load, rate, stepMs);
      step = describe(result, cpu, attempt);
      steps.push(step);
      process.stdout.write(
        `  ${server.kind} step ${i + 1}${attempt > 1 ? " (retry)" : ""}: ${step.offeredPerSecond} updates/s offered, ` +
          `${step.deliveriesPerSecond} deliveries/s, p99 ${step.p99Ms.toFixed(1)} ms, lost ${step.lost}, ` +
          `CPU server ${pct(cpu.server)} / generator ${pct(cpu.generator)} / other ${pct(cpu.background)}, ` +
          `load-thread ELU ${pct(step.generatorElu)}${step.failure ? ` -> ${step.failure}` : ""}\n`,
      );
      if (step.sustained) break;
    }
    if (!step?.sustained) {
      stoppedBy = step?.failure ?? "time limit";
      break;
    }
    rate = Math.round(rate * factor);
  }
  const last = [...steps].reverse().find((step) => step.sustained);
  const failed = steps.at(-1)?.sustained === false ? steps.at(-1) : undefined;
  let saturated: RampResult["saturated"] = "none";
  if (failed) {
    if (failed.cpu.server >= 0.9) saturated = "server";
    else if (failed.generatorElu >= 0.9 || failed.failure?.startsWith("generator")) saturated = "generator";
    else if (failed.cpu.machine >= 0.95 * availableParallelism()) saturated = "machine";
    else saturated = "neither";
  }
  return {
    steps,
    maxSustainedUpdatesPerSecond: last?.offeredPerSecond ?? 0,
    maxSustainedDeliveriesPerSecond: last?.deliveriesPerSecond ?? 0,
    stoppedBy,
    saturated,
  };
}

const pct = (share: number) => `${(100 * share).toFixed(0)} %`;
