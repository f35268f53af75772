import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/**
 * Which cores the servers under test get and which the load generator (this process and its worker
 * threads) gets. People type on other machines than the server's: with both on the same cores, the
 * load threads and the server preempt each other, and the figures measure that. Every server (the
 * reference, the relay and Mutual alike) is started under `taskset` on the server cores; this process
 * pins itself to the rest before it starts any load thread (threads inherit their creator's cores).
 */
export interface CpuIsolation {
  isolated: boolean;
  /** Cores the servers run on (all usable cores when not isolated). */
  serverCores: number[];
  /** Cores this process and its load threads run on. */
  loadCores: number[];
  /** One line for the report: what was done, or why the cores could not be separated. */
  summary: string;
}

/** Parses a kernel CPU list such as "0-3,6". */
export function parseCpuList(list: string): number[] {
  const cores: number[] = [];
  for (const part of list.trim().split(",").filter(Boolean)) {
    const [from, to = from] = part.split("-").map(Number);
    for (let core = from!; core <= to!; core++) cores.push(core);
  }
  return cores;
}

/** The cores this process may run on (its affinity, which may be narrower than the machine). */
function allowedCores(task = "/proc/self"): number[] {
  const line = /^Cpus_allowed_list:\s*(.+)$/m.exec(readFileSync(`${task}/status`, "utf8"));
  return line ? parseCpuList(line[1]!) : [];
}

function hasTaskset(): boolean {
  try {
    execFileSync("taskset", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Splits the usable cores: the first half (at least one) for the servers, the rest for the load. */
export function planIsolation(cores = allowedCores(), taskset = hasTaskset()): CpuIsolation {
  const unpinned = (why: string): CpuIsolation => ({
    isolated: false,
    serverCores: cores,
    loadCores: cores,
    summary: `servers and load generator NOT isolated (${why}): they share ${cores.length} core(s) and take them from each other`,
  });
  if (cores.length < 2) return unpinned(`only ${cores.length} usable core`);
  if (!taskset) return unpinned("no `taskset` (util-linux) on this machine");
  const split = Math.floor(cores.length / 2);
  const serverCores = cores.slice(0, split);
  const loadCores = cores.slice(split);
  return {
    isolated: true,
    serverCores,
    loadCores,
    summary: `isolated cores: every server on core(s) ${serverCores.join(",")}, the load generator on core(s) ${loadCores.join(",")} (taskset)`,
  };
}

/**
 * Pins every thread of this process to the load cores and checks that it took; call before starting
 * any load thread. Throws when the kernel kept another affinity, so a run never claims an isolation
 * it did not have.
 */
export function pinThisProcess(plan: CpuIsolation): void {
  if (!plan.isolated) return;
  const list = plan.loadCores.join(",");
  execFileSync("taskset", ["--all-tasks", "--cpu-list", "--pid", list, String(process.pid)], {
    stdio: "ignore",
  });
  for (const task of readdirSync("/proc/self/task")) {
    const actual = allowedCores(`/proc/self/task/${task}`).join(",");
    if (actual !== list) throw new Error(`thread ${task} runs on cores ${actual}, not ${list}`);
  }
}

/** The command and arguments that start `node args` on the server cores (plain node when not isolated). */
export function onServerCores(plan: CpuIsolation, nodeArgs: string[]): { command: string; args: string[] } {
  if (!plan.isolated) return { command: process.execPath, args: nodeArgs };
  return {
    command: "taskset",
    args: ["--cpu-list", plan.serverCores.join(","), process.execPath, ...nodeArgs],
  };
}

/** Checks that a started server runs on the server cores (all of its threads). */
export function checkServerCores(plan: CpuIsolation, pid: number): void {
  if (!plan.isolated) return;
  const want = plan.serverCores.join(",");
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    let actual: string;
    try {
      actual = allowedCores(`/proc/${pid}/task/${task}`).join(",");
    } catch {
      continue; // the thread ended meanwhile
    }
    if (actual !== want) throw new Error(`server ${pid} thread ${task} runs on cores ${actual}, not ${want}`);
  }
}
