import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { silentLogger } from "../../../../server/log";
import type { RemoteRoomHandlers } from "../../../../server/scaleout/crossInstance";
import { decodeFanOut, encodeFanOut, FanOutKind } from "../../../../server/scaleout/fanOutMessages";
import { createRoomFanOut } from "../../../../server/scaleout/roomFanOut";
import { scaleoutAvailable } from "../../../support/scaleout";
import { eventually, redisFixture, sleep } from "./redisTestSupport";

const ready = await scaleoutAvailable("fan-out over Redis (unit)", ["redis"]);

describe("fan-out messages", () => {
  it("round-trip every kind", () => {
    const update = new Uint8Array([1, 2, 3]);
    const messages = [
      {
        kind: FanOutKind.update,
        instance: "a",
        update,
        changes: 3,
        bindings: [[7, "p1"]] as Array<[number, string]>,
      },
      { kind: FanOutKind.awareness, instance: "b", update },
      { kind: FanOutKind.awarenessQuery, instance: "c" },
      { kind: FanOutKind.compacted, instance: "d", updates: 2000, bytes: 754_000 },
    ] as const;
    for (const message of messages) expect(decodeFanOut(encodeFanOut(message))).toEqual(message);
    expect(() => decodeFanOut(new Uint8Array([1, 0x61, 9]))).toThrow(/kind 9/);
  });
});

function typed(text: string, clientId: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  doc.getText("t").insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

function recorder() {
  const heard = {
    updates: [] as Array<{ update: Uint8Array; changes: number; bindings: unknown }>,
    awareness: [] as string[],
    queries: 0,
    compacted: [] as number[],
  };
  const handlers: RemoteRoomHandlers = {
    update: (update, bindings, changes) => heard.updates.push({ update, bindings, changes }),
    awareness: (_update, instance) => heard.awareness.push(instance),
    awarenessQuery: () => heard.queries++,
    compacted: (updates) => heard.compacted.push(updates),
  };
  return { heard, handlers };
}

describe.skipIf(!ready)("fan-out of rooms over Redis pub/sub", () => {
  const fixture = redisFixture("fanout");
  afterEach(() => fixture.cleanup());

  async function instance(id: string) {
    const lost: string[] = [];
    const fanOut = createRoomFanOut({
      redis: await fixture.open(),
      instanceId: id,
      log: silentLogger,
      onLost: (reason) => lost.push(reason),
    });
    return { fanOut, lost };
  }

  it("merges a room's changes of one tick into one message, to the other instances only", async () => {
    const a = await instance("A");
    const b = await instance("B");
    const atA = recorder();
    const atB = recorder();
    await a.fanOut.subscribe("x/doc", atA.handlers);
    await b.fanOut.subscribe("x/doc", atB.handlers);
    a.fanOut.publishUpdate("x/doc", typed("one", 1), [[1, "p1"]]);
    a.fanOut.publishUpdate("x/doc", typed("two", 2), [[2, "p2"]]);
    await eventually(() => atB.heard.updates.length === 1, "B hears A");
    await sleep(100);
    expect(atB.heard.updates).toHaveLength(1);
    expect(atB.heard.updates[0]!.changes).toBe(2);
    expect(atB.heard.updates[0]!.bindings).toEqual([
      [1, "p1"],
      [2, "p2"],
    ]);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, atB.heard.updates[0]!.update);
    expect(doc.getText("t").toString().length).toBe(6);
    // Redis delivers A's message to A too: it is ignored.
    expect(atA.heard.updates).toHaveLength(0);
    expect(a.lost).toEqual([]);
  });

  it("delivers nothing for a room after unsubscribing, and carries awareness, queries and compactions", async () => {
    const a = await instance("A");
    const b = await instance("B");
    const atB = recorder();
    await b.fanOut.subscribe("x/doc", atB.handlers);
    a.fanOut.publishAwareness("x/doc", new Uint8Array([0]));
    a.fanOut.queryAwareness("x/doc");
    a.fanOut.publishCompacted("x/doc", 40, 1000);
    await eventually(() => atB.heard.compacted.length === 1, "B hears the compaction");
    expect(atB.heard.awareness).toEqual(["A"]);
    expect(atB.heard.queries).toBe(1);
    b.fanOut.unsubscribe("x/doc");
    a.fanOut.publishUpdate("x/doc", typed("late", 3), []);
    await sleep(150);
    expect(atB.heard.updates).toHaveLength(0);
  });

  it("reports a lost Redis when a publish cannot be made", async () => {
    const redis = await fixture.open();
    const lost: string[] = [];
    const fanOut = createRoomFanOut({
      redis,
      instanceId: "C",
      log: silentLogger,
      onLost: (r) => lost.push(r),
    });
    redis.commands.disconnect();
    await eventually(() => !redis.up, "connection down");
    fanOut.publishAwareness("x/doc", new Uint8Array([0]));
    expect(lost).toHaveLength(1);
  });
});
