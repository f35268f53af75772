import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { type RateLimitStore, rateLimit } from "../../../../server/http/rateLimit";

const servers: Array<{ close: () => void }> = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** An app with one limited route (2 per minute); `store` as createApp sets it for a scale-out instance. */
async function app(options: { store?: RateLimitStore; trustProxy?: string } = {}) {
  const built = express();
  if (options.store) built.locals.rateLimitStore = options.store;
  if (options.trustProxy) built.set("trust proxy", options.trustProxy);
  built.post("/api/things", rateLimit({ max: 2, windowMs: 60_000 }), (_request, response) => {
    response.status(201).end();
  });
  const server = built.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/things`;
  return (forwardedFor?: string) =>
    fetch(url, { method: "POST", headers: forwardedFor ? { "X-Forwarded-For": forwardedFor } : {} }).then(
      (response) => response.status,
    );
}

describe("rate limits behind their interface", () => {
  it("count in the app's store when it has one, under one key per route and client", async () => {
    const keys: string[] = [];
    const counts = new Map<string, number>();
    const store: RateLimitStore = {
      async hit(key) {
        keys.push(key);
        counts.set(key, (counts.get(key) ?? 0) + 1);
        return { count: counts.get(key)!, resetInMs: 1000 };
      },
    };
    const post = await app({ store });
    expect([await post(), await post(), await post()]).toEqual([201, 201, 429]);
    expect(new Set(keys)).toEqual(new Set(["POST /api/things 127.0.0.1"]));
  });

  it("fall back to the process's own count when the shared store cannot count", async () => {
    const post = await app({
      store: {
        hit: () => Promise.reject(new Error("Redis is down")),
      },
    });
    expect([await post(), await post(), await post()]).toEqual([201, 201, 429]);
  });

  it("count each client behind a trusted proxy apart, and everyone as the proxy otherwise", async () => {
    const behindProxy = await app({ trustProxy: "loopback" });
    expect([
      await behindProxy("203.0.113.1"),
      await behindProxy("203.0.113.1"),
      await behindProxy("203.0.113.1"),
    ]).toEqual([201, 201, 429]);
    expect(await behindProxy("198.51.100.7")).toBe(201);
    const untrusting = await app();
    expect([
      await untrusting("203.0.113.1"),
      await untrusting("198.51.100.7"),
      await untrusting("192.0.2.5"),
    ]).toEqual([201, 201, 429]);
  });
});
