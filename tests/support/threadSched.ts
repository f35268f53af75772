import { existsSync, readdirSync, readFileSync } from "node:fs";
import { release } from "node:os";

/** Nice value of each thread of a process (field 19 of /proc/<pid>/task/<tid>/stat), by thread id. */
export function threadNiceValues(pid: number | "self" = "self"): Map<number, number> {
  const values = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      // The thread's name (field 2) may hold spaces: count the fields after its closing parenthesis.
      values.set(Number(tid), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]));
    } catch {
      // the thread ended meanwhile
    }
  }
  return values;
}

/** Each thread's EEVDF time slice in ns (`se.slice` of /proc/<pid>/task/<tid>/sched), by thread id. */
export function threadSlices(pid: number | "self" = "self"): Map<number, number> {
  const values = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const line = /^se\.slice\s*:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/task/${tid}/sched`, "utf8"));
      if (line) values.set(Number(tid), Number(line[1]));
    } catch {
      // the thread ended meanwhile
    }
  }
  return values;
}

/** True where the kernel grants a thread its own slice (EEVDF with custom slices: Linux 6.12 and later). */
export function kernelHasCustomSlices(): boolean {
  const [major = 0, minor = 0] = release().split(".").map(Number);
  return existsSync("/proc/self/sched") && (major > 6 || (major === 6 && minor >= 12));
}
