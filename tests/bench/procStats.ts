import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** Clock ticks per second of /proc/<pid>/stat times (usually 100). */
export const CLK_TCK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name may contain spaces and parentheses: fields are counted after the last ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state); utime is field 14, stime field 15.
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** Resident set size in bytes (VmRSS). */
export function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) * 1024 : 0;
}

/** The command line of a process, to check that the pid is the node server and not a wrapper. */
export function commandLine(pid: number): string {
  return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
}

export interface IoCounters {
  /** Bytes the process caused to be sent to the storage layer. */
  writeBytes: number;
  /** Bytes passed to write(2) and friends, whether or not they reached the disk. */
  wchar: number;
}

export function ioCounters(pid: number): IoCounters {
  const text = readFileSync(`/proc/${pid}/io`, "utf8");
  const read = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(text)?.[1] ?? 0);
  return { writeBytes: read("write_bytes"), wchar: read("wchar") };
}

/** Total size of the regular files directly in a directory (the SQLite file, its -wal and -shm). */
export function directoryBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const stats = statSync(join(dir, name));
    if (stats.isFile()) total += stats.size;
  }
  return total;
}

/**
 * The machine's online cores, as /proc/stat counts them for its whole-machine line. Not
 * `availableParallelism()`: that is this process's affinity, one core once the bench pins itself.
 */
export const MACHINE_CORES = readFileSync("/proc/stat", "utf8")
  .split("\n")
  .filter((line) => /^cpu\d+ /.test(line)).length;

/** Busy and total jiffies of the whole machine (all cores), from /proc/stat. */
export function machineJiffies(): { busy: number; total: number } {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - fields[3]! - fields[4]!, total };
}

export interface CpuWindow {
  /** Cores used by the server process. */
  server: number;
  /** Cores used by this (load generator) process, all threads. */
  generator: number;
  /** Cores busy on the whole machine. */
  machine: number;
  /** Cores used by everything else (other processes on a shared machine, kernel work not billed to us). */
  background: number;
  /** Share of a core the server's main thread (its event loop) ran. */
  eventLoop: number;
  /**
   * Share of the time the server's event loop was ready to run but waited for a core (woken, or
   * preempted): on a machine of few cores, the load threads and the server take cores from each other.
   */
  eventLoopWaiting: number;
}

/**
 * Nanoseconds the main thread of `pid` has run and has waited to run (Linux schedstat); NaN where the
 * kernel keeps no such counts, which the report prints as "-".
 */
function mainThreadSchedNs(pid: number): { run: number; wait: number } {
  try {
    const [run, wait] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8").split(" ").map(Number);
    return { run: run!, wait: wait! };
  } catch {
    return { run: Number.NaN, wait: Number.NaN };
  }
}

/** CPU of the server, of the load generator and of the machine over a window: start, then read. */
export function cpuWindow(pid: number, cores: number): () => CpuWindow {
  const server = cpuMeter(pid);
  const schedStart = mainThreadSchedNs(pid);
  const generatorStart = process.cpuUsage();
  const machineStart = machineJiffies();
  const wallStart = performance.now();
  return () => {
    const serverCores = server();
    const sched = mainThreadSchedNs(pid);
    const usage = process.cpuUsage(generatorStart);
    const wallMs = performance.now() - wallStart;
    const generator = (usage.user + usage.system) / 1000 / wallMs;
    const machineEnd = machineJiffies();
    const machine =
      (cores * (machineEnd.busy - machineStart.busy)) / Math.max(1, machineEnd.total - machineStart.total);
    return {
      server: serverCores,
      generator,
      machine,
      background: Math.max(0, machine - serverCores - generator),
      eventLoop: (sched.run - schedStart.run) / 1e6 / wallMs,
      eventLoopWaiting: (sched.wait - schedStart.wait) / 1e6 / wallMs,
    };
  };
}

/** CPU use of a process over a window: start it, then read the share of one core used since. */
export function cpuMeter(pid: number): () => number {
  const startCpu = cpuSeconds(pid);
  const startWall = performance.now();
  return () => (cpuSeconds(pid) - startCpu) / ((performance.now() - startWall) / 1000);
}

/** Samples RSS every `everyMs` until stopped; returns the peak and mean. */
export function rssSampler(pid: number, everyMs = 250): () => { peak: number; mean: number; last: number } {
  const samples: number[] = [rssBytes(pid)];
  const timer = setInterval(() => {
    try {
      samples.push(rssBytes(pid));
    } catch {
      // the process is gone; keep what we have
    }
  }, everyMs);
  return () => {
    clearInterval(timer);
    const last = samples[samples.length - 1] ?? 0;
    return {
      peak: Math.max(...samples),
      mean: samples.reduce((a, b) => a + b, 0) / samples.length,
      last,
    };
  };
}
