import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloseCode } from "../../shared/protocol/closeCodes";
import { createExchange, type ExchangeFixture } from "../support/api";
import { connectClient, waitFor } from "../support/collabClient";
import { openCollabSocket } from "../support/rawCollab";
import { scaleoutAvailable, TEST_REDIS_URL, uniqueRedisPrefix } from "../support/scaleout";
import { type RunningServer, startServer } from "../support/server";
import { startTcpProxy, type TcpProxy } from "../support/tcpProxy";

const ready = await scaleoutAvailable("scale-out: losing Redis degrades and recovers", ["redis"]);

interface Health {
  status: string;
  dependencies: Record<string, { reachable: boolean; error?: string }>;
}
const health = async (server: RunningServer) => {
  const response = await fetch(`${server.url}/healthz`);
  return { code: response.status, body: (await response.json()) as Health };
};

describe.skipIf(!ready)("an instance that loses Redis", () => {
  let proxy: TcpProxy;
  let server: RunningServer;
  let fx: ExchangeFixture;
  const prefix = uniqueRedisPrefix("degraded");

  beforeAll(async () => {
    const target = new URL(TEST_REDIS_URL);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    server = await startServer({
      env: { REDIS_URL: `redis://127.0.0.1:${proxy.port}`, REDIS_PREFIX: prefix },
    });
    fx = await createExchange(server.url);
  });
  afterAll(async () => {
    await server?.stop();
    await proxy?.close();
    const admin = new Redis(TEST_REDIS_URL);
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  });

  it("reports both dependencies, closes sockets with the retry code, refuses new ones, and recovers by itself", async () => {
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
    expect(await raw.closed).toBe(CloseCode.serviceRestart);
    expect(Date.now() - cutAt).toBeLessThan(3000);
    const during = await health(server);
    expect(during.code).toBe(503);
    expect(during.body.status).toBe("degraded");
    expect(during.body.dependencies.redis?.reachable).toBe(false);
    const refused = await openCollabSocket(server.url, room, cookie);
    expect(await refused.closed).toBe(CloseCode.serviceRestart);

    // Typed while the server refuses: kept by the client, sent once it is back, never acknowledged before.
    const savedBefore = writer.heard.saved.length;
    writer.text.insert(writer.text.length, "Typed during the outage.");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(writer.heard.saved.length).toBe(savedBefore);

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
    expect(reader.text.toString()).toBe("Before the outage. Typed during the outage.");
    reader.destroy();
    expect(server.logs.some((l) => l.event === "service.degraded")).toBe(true);
    expect(server.logs.some((l) => l.event === "service.recovered")).toBe(true);
  }, 40_000);
});
