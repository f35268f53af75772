import { BENCH } from "./config";
import type { LoadGenerator } from "./loadShards";
import { type CpuWindow, cpuWindow, MACHINE_CORES } from "./procStats";
import type { BenchServer } from "./servers";

/** One run of the load with CPU read over exactly the sending window (not the drain). */
export async function runMetered(server: BenchServer, load: LoadGenerator, rate: number, durationMs: number) {
  const meter = cpuWindow(server.pid, MACHINE_CORES);
  let cpu: CpuWindow | null = null;
  const timer = setTimeout(() => {
    cpu = meter();
  }, durationMs);
  const result = await load.run(rate, durationMs, BENCH.ramp.drainMs);
  clearTimeout(timer);
  return { result, cpu: cpu ?? meter() };
}
