import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloseCode } from "../../shared/protocol/closeCodes";
import { createExchange, type ExchangeFixture } from "../support/api";
import { connectClient, waitFor } from "../support/collabClient";
import { openCollabSocket } from "../support/rawCollab";
import {
  createTestDatabase,
  scaleoutAvailable,
  TEST_REDIS_URL,
  type TestDatabase,
  uniqueRedisPrefix,
} from "../support/scaleout";
import { type RunningServer, startServer } from "../support/server";
import { startTcpProxy, type TcpProxy } from "../support/tcpProxy";

const ready = await scaleoutAvailable("scale-out: losing Redis or PostgreSQL degrades and recovers", [
  "postgres",
  "redis",
]);

interface Health {
  status: string;
  dependencies: Record<string, { reachable: boolean; error?: string }>;
}
const health = async (server: RunningServer) => {
  const response = await fetch(`${server.url}/healthz`);
  return { code: response.status, body: (await response.json()) as Health };
};

/** Which dependency a test cuts, and how the health endpoint names it. */
type Dependency = "redis" | "database";

describe.skipIf(!ready)("an instance that loses Redis or its database", () => {
  let redisProxy: TcpProxy;
  let postgresProxy: TcpProxy;
  let database: TestDatabase;
  let server: RunningServer;
  let fx: ExchangeFixture;
  const prefix = uniqueRedisPrefix("degraded");

  beforeAll(async () => {
    const redisTarget = new URL(TEST_REDIS_URL);
    redisProxy = await startTcpProxy({ host: redisTarget.hostname, port: Number(redisTarget.port || 6379) });
    database = await createTestDatabase("degraded");
    const databaseUrl = new URL(database.url);
    postgresProxy = await startTcpProxy({
      host: databaseUrl.hostname,
      port: Number(databaseUrl.port || 5432),
    });
    databaseUrl.host = `127.0.0.1:${postgresProxy.port}`;
    server = await startServer({
      env: {
        DATABASE_URL: databaseUrl.toString(),
        REDIS_URL: `redis://127.0.0.1:${redisProxy.port}`,
        REDIS_PREFIX: prefix,
      },
    });
    fx = await createExchange(server.url);
  });
  afterAll(async () => {
    await server?.stop();
    await redisProxy?.close();
    await postgresProxy?.close();
    await database?.drop();
    const admin = new Redis(TEST_REDIS_URL);
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  });

  const cases: Array<[Dependency, () => TcpProxy]> = [
    ["redis", () => redisProxy],
    ["database", () => postgresProxy],
  ];
  it.each(cases)(
    "loses %s: closes sockets with the retry code, refuses new ones, acknowledges nothing, recovers by itself",
    async (dependency, proxyOf) => {
      const proxy = proxyOf();
      const before = await health(server);
      expect(before.code).toBe(200);
      expect(before.body.dependencies.redis?.reachable).toBe(true);
      expect(before.body.dependencies.database?.reachable).toBe(true);

      const { room } = await fx.newDocument();
      const cookie = fx.facilitator.session.cookie;
      const writer = connectClient(server.wsUrl, room, { cookie, mutual: true });
      await writer.synced();
      writer.text.insert(0, "Before the outage. ");
      await waitFor(() => writer.heard.saved.length > 0, "first edit saved");
      const raw = await openCollabSocket(server.url, room, cookie);

      await proxy.cut();
      const cutAt = Date.now();
      // 1012 from the degraded mode, or 4500 if a commit was failing at that moment: both mean "retry".
      expect([CloseCode.serviceRestart, CloseCode.roomUnavailable]).toContain(await raw.closed);
      // Redis: at once (the connection drops); the database: at its next ping (every 2 s, 2 s timeout).
      expect(Date.now() - cutAt).toBeLessThan(dependency === "redis" ? 3000 : 6000);
      const during = await health(server);
      expect(during.code).toBe(503);
      expect(during.body.status).toBe("degraded");
      expect(during.body.dependencies[dependency]?.reachable).toBe(false);
      const refused = await openCollabSocket(server.url, room, cookie);
      // Refused by the degraded mode (1012), or, for the database, by authorization failing before the
      // next ping noticed (4500): both tell the client to retry.
      expect([CloseCode.serviceRestart, CloseCode.roomUnavailable]).toContain(await refused.closed);

      // Typed while the server refuses: kept by the client, sent once it is back, never acknowledged before.
      const savedBefore = writer.heard.saved.length;
      writer.text.insert(writer.text.length, `Typed while ${dependency} was away.`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(writer.heard.saved.length).toBe(savedBefore);

      // The instance noticed on its own (Redis: the connection dropped; the database: a failed ping).
      await waitFor(
        () => server.logs.some((l) => l.event === "service.degraded" && l.dependency === dependency),
        "degraded mode entered",
      );
      await proxy.restore();
      await waitFor(
        () => writer.provider.wsconnected && writer.heard.saved.length > savedBefore,
        "reconnected and saved",
        15_000,
      );
      expect((await health(server)).code).toBe(200);
      writer.destroy();

      const reader = connectClient(server.wsUrl, room, { cookie });
      await reader.synced();
      expect(reader.text.toString()).toBe(`Before the outage. Typed while ${dependency} was away.`);
      reader.destroy();
      const degradedAt = server.logs.findLastIndex(
        (l) => l.event === "service.degraded" && l.dependency === dependency,
      );
      expect(server.logs.slice(degradedAt).some((l) => l.event === "service.recovered")).toBe(true);
    },
    60_000,
  );
});
