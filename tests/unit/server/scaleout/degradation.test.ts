import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../../server/log";
import { createDegradation, watchDatabase } from "../../../../server/scaleout/degradation";
import { eventually } from "./redisTestSupport";

function tracked() {
  const events: string[] = [];
  const degradation = createDegradation({
    log: silentLogger,
    dependencies: ["redis", "database"],
    onDegraded: (reason) => events.push(`degraded: ${reason}`),
    onRecovered: () => events.push("recovered"),
  });
  return { degradation, events };
}

describe("degraded mode", () => {
  it("closes once when a first dependency goes, serves again only when every one is back", () => {
    const { degradation, events } = tracked();
    expect(degradation.refusing()).toBeNull();
    degradation.down("redis", "connection lost");
    degradation.down("database", "timeout");
    degradation.down("redis", "again");
    expect(events).toEqual(["degraded: redis unreachable; reconnecting"]);
    expect(degradation.refusing()).toBe("redis unreachable; reconnecting");
    expect(degradation.states()).toEqual({ redis: "connection lost", database: "timeout" });
    degradation.up("redis");
    expect(degradation.refusing()).toBe("database unreachable; reconnecting");
    expect(events).toHaveLength(1);
    degradation.up("database");
    expect(events).toEqual(["degraded: redis unreachable; reconnecting", "recovered"]);
    expect(degradation.refusing()).toBeNull();
    expect(degradation.states()).toEqual({ redis: "ok", database: "ok" });
  });

  it("follows the database's pings: a failure or a hang degrades, the next answer restores", async () => {
    const { degradation, events } = tracked();
    let answer: "ok" | "fail" | "hang" = "ok";
    const stop = watchDatabase({
      degradation,
      intervalMs: 50,
      ping: () =>
        answer === "ok"
          ? Promise.resolve()
          : answer === "fail"
            ? Promise.reject(new Error("connection refused"))
            : new Promise(() => {}),
    });
    try {
      answer = "hang";
      await eventually(() => degradation.refusing() !== null, "degraded by a hanging ping");
      answer = "ok";
      await eventually(() => degradation.refusing() === null, "restored");
      answer = "fail";
      await eventually(() => degradation.states().database === "connection refused", "degraded by a failure");
      answer = "ok";
      await eventually(() => degradation.refusing() === null, "restored again");
      expect(events.filter((e) => e === "recovered")).toHaveLength(2);
    } finally {
      stop();
    }
  });
});
