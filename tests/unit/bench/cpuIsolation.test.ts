import { describe, expect, it } from "vitest";
import { onServerCores, parseCpuList, planIsolation } from "../../bench/cpuIsolation";

describe("the bench's core split", () => {
  it("reads the kernel's CPU lists", () => {
    expect(parseCpuList("0-3,6\n")).toEqual([0, 1, 2, 3, 6]);
    expect(parseCpuList("5")).toEqual([5]);
  });

  it("gives the servers and the load generator separate cores", () => {
    const plan = planIsolation([0, 1], true);
    expect(plan).toMatchObject({ isolated: true, serverCores: [0], loadCores: [1] });
    expect(onServerCores(plan, ["main.js"]).args).toEqual(["--cpu-list", "0", process.execPath, "main.js"]);
    expect(planIsolation([0, 1, 2, 3], true)).toMatchObject({ serverCores: [0, 1], loadCores: [2, 3] });
  });

  it("says it cannot isolate on one core or without taskset, and starts servers unpinned", () => {
    const single = planIsolation([0], true);
    expect(single.isolated).toBe(false);
    expect(single.summary).toMatch(/NOT isolated \(only 1 usable core\)/);
    const noTaskset = planIsolation([0, 1], false);
    expect(noTaskset.summary).toMatch(/NOT isolated \(no `taskset`/);
    expect(onServerCores(noTaskset, ["main.js"])).toEqual({ command: process.execPath, args: ["main.js"] });
  });
});
