import { BENCH } from "./config";
import { count, quantile } from "./latency";
import type { LoadGenerator, LoadResult } from "./loadShards";
import { runMetered } from "./meteredRun";
import { type CpuWindow, MACHINE_CORES } from "./procStats";
import { waitForQuiet } from "./quiet";
import type { BenchServer } from "./servers";

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
    else if (failed.cpu.machine >= 0.95 * MACHINE_CORES) saturated = "machine";
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
