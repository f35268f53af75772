import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../../../server/log";
import { startControlBus } from "../../../../server/scaleout/controlBus";
import { createRedisLeases } from "../../../../server/scaleout/documentLeases";
import { startInstanceHeartbeats } from "../../../../server/scaleout/instanceHeartbeats";
import { redisRateLimitStore } from "../../../../server/scaleout/redisRateLimits";
import { scaleoutAvailable } from "../../../support/scaleout";
import { eventually, redisFixture, sleep } from "./redisTestSupport";

const ready = await scaleoutAvailable("leases, heartbeats, revocations, rate limits over Redis (unit)", [
  "redis",
]);

describe.skipIf(!ready)("coordination between instances through Redis", () => {
  const fixture = redisFixture("coord");
  const stops: Array<() => unknown> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    await fixture.cleanup();
  });

  async function leasesOf(instanceId: string, ttlMs = 300) {
    const leases = createRedisLeases({ redis: await fixture.open(), instanceId, log: silentLogger, ttlMs });
    stops.push(() => leases.stop());
    return leases;
  }

  it("lets one instance at a time hold a document's lease, keeps it while renewed, passes it on when released", async () => {
    // A time to live long enough that a busy CI worker's event-loop stall (renewals every third of it)
    // cannot let the lease lapse; expiry itself is the next test's subject.
    const a = await leasesOf("A", 1_500);
    const b = await leasesOf("B", 1_500);
    let runs = "";
    const work = (who: string) => async () => {
      runs += who;
      return who;
    };
    expect(await a.withDocumentLease("x/doc", work("A"))).toEqual({ ran: true, value: "A" });
    expect(await b.withDocumentLease("x/doc", work("B"))).toEqual({ ran: false });
    // Twice the time to live later, A still holds it (renewed), and another document is free.
    await sleep(3_000);
    expect(await b.withDocumentLease("x/doc", work("B"))).toEqual({ ran: false });
    expect(await b.withDocumentLease("x/other", work("b"))).toEqual({ ran: true, value: "b" });
    expect(await a.withDocumentLease("x/doc", work("A"))).toEqual({ ran: true, value: "A" });
    await a.release("x/doc");
    expect(await b.withDocumentLease("x/doc", work("B"))).toEqual({ ran: true, value: "B" });
    expect(runs).toBe("AbAB");
  });

  it("passes a dead holder's lease on once it expires", async () => {
    const a = await leasesOf("A");
    const b = await leasesOf("B");
    expect((await a.withDocumentLease("x/doc", async () => 1)).ran).toBe(true);
    a.stop(); // A dies: no more renewals, no release
    expect((await b.withDocumentLease("x/doc", async () => 2)).ran).toBe(false);
    await sleep(400);
    expect(await b.withDocumentLease("x/doc", async () => 2)).toEqual({ ran: true, value: 2 });
  });

  it("tells the living when an instance's heartbeat stops, once", async () => {
    // Beats far enough apart (keys live three beats) that a busy CI worker's stall reads as no death.
    const intervalMs = 250;
    const deaths: string[] = [];
    const a = startInstanceHeartbeats({
      redis: await fixture.open(),
      instanceId: "A",
      log: silentLogger,
      intervalMs,
      onDead: (id) => deaths.push(id),
    });
    const bRedis = await fixture.open();
    const b = startInstanceHeartbeats({
      redis: bRedis,
      instanceId: "B",
      log: silentLogger,
      intervalMs,
      onDead: () => {},
    });
    stops.push(() => a.stop());
    await eventually(() => a.alive.has("B"), "A sees B");
    await sleep(1_000);
    expect(deaths).toEqual([]);
    // B is killed: its process stops beating without saying goodbye.
    bRedis.commands.disconnect();
    bRedis.subscriber.disconnect();
    await eventually(() => deaths.length > 0, "A sees B die", 4_000);
    await sleep(600);
    expect(deaths).toEqual(["B"]);
    await b.stop();
  });

  it("carries a revocation from one instance to the sockets of every other", async () => {
    const closedAt = { A: [] as string[], B: [] as string[], C: [] as string[] };
    const bus = async (id: "A" | "B" | "C") =>
      startControlBus({
        redis: await fixture.open(),
        instanceId: id,
        log: silentLogger,
        local: {
          closeParticipant: (participantId, code) => closedAt[id].push(`${participantId}:${code}`),
          closeRoom: (room, code) => closedAt[id].push(`${room}:${code}`),
        },
      });
    const a = await bus("A");
    await bus("B");
    await bus("C");
    a.closeParticipant("p1", 4403, "removed");
    a.closeRoom("x/doc", 4001, "archived");
    await eventually(() => closedAt.C.length === 2 && closedAt.B.length === 2, "B and C close");
    expect(closedAt).toEqual({
      A: ["p1:4403", "x/doc:4001"],
      B: ["p1:4403", "x/doc:4001"],
      C: ["p1:4403", "x/doc:4001"],
    });
  });

  it("sends a revocation made while this instance had lost Redis once Redis is back", async () => {
    const closedAtB: string[] = [];
    const aRedis = await fixture.open();
    const a = await startControlBus({
      redis: aRedis,
      instanceId: "A",
      log: silentLogger,
      local: { closeParticipant: () => {}, closeRoom: () => {} },
    });
    await startControlBus({
      redis: await fixture.open(),
      instanceId: "B",
      log: silentLogger,
      local: {
        closeParticipant: (participantId) => closedAtB.push(participantId),
        closeRoom: () => {},
      },
    });
    aRedis.commands.disconnect();
    await eventually(() => !aRedis.up, "A lost Redis");
    a.closeParticipant("p9", 4403, "removed");
    await sleep(200);
    expect(closedAtB).toEqual([]);
    await aRedis.commands.connect();
    await eventually(() => closedAtB.length === 1, "B closes once A is back");
    expect(closedAtB).toEqual(["p9"]);
  });

  it("counts a rate limit across instances, in windows that expire", async () => {
    const a = redisRateLimitStore(await fixture.open());
    const b = redisRateLimitStore(await fixture.open());
    // The window starts at the first hit and ends 400 ms later, for every instance.
    const windowMs = 400;
    expect((await a.hit("POST /api/exchanges 1.2.3.4", windowMs)).count).toBe(1);
    expect((await b.hit("POST /api/exchanges 1.2.3.4", windowMs)).count).toBe(2);
    expect((await a.hit("POST /api/exchanges 5.6.7.8", windowMs)).count).toBe(1);
    await sleep(windowMs);
    expect((await b.hit("POST /api/exchanges 1.2.3.4", windowMs)).count).toBe(1);
  });
});
