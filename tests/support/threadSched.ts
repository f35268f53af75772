import { existsSync, readdirSync, readFileSync } from "node:fs";
import { release } from "node:os";

/** `read(tid)` for each thread of a process that still exists and yields a value, by thread id. */
function perThread(pid: number | "self", read: (tid: string) => number | null): Map<number, number> {
  const values = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const value = read(tid);
      if (value !== null) values.set(Number(tid), value);
    } catch {
      // the thread ended meanwhile
    }
  }
  return values;
}

/** Nice value of each thread of a process (field 19 of /proc/<pid>/task/<tid>/stat), by thread id. */
export function threadNiceValues(pid: number | "self" = "self"): Map<number, number> {
  return perThread(pid, (tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
    // The thread's name (field 2) may hold spaces: count the fields after its closing parenthesis.
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
  });
}

/** Each thread's EEVDF time slice in ns (`se.slice` of /proc/<pid>/task/<tid>/sched), by thread id. */
export function threadSlices(pid: number | "self" = "self"): Map<number, number> {
  return perThread(pid, (tid) => {
    const line = /^se\.slice\s*:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/task/${tid}/sched`, "utf8"));
    return line ? Number(line[1]) : null;
  });
}

/** True where the kernel grants a thread its own slice (EEVDF with custom slices: Linux 6.12 and later). */
export function kernelHasCustomSlices(): boolean {
  const [major = 0, minor = 0] = release().split(".").map(Number);
  return existsSync("/proc/self/sched") && (major > 6 || (major === 6 && minor >= 12));
}
