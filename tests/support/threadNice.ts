import { readdirSync, readFileSync } from "node:fs";

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
