import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiSession, createExchange } from "../support/api";
import { type RunningServer, startServer } from "../support/server";

const OPERATOR_TOKEN = "operator-token-for-tests";
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ env: { OPERATOR_TOKEN } });
});
afterAll(async () => {
  await server.stop();
});

const validExchange = {
  title: "Mutual learning on urban health",
  description: "",
  timeZone: "America/Sao_Paulo",
  facilitatorName: "Fiona",
  uiLanguage: "pt-BR",
  operatorToken: OPERATOR_TOKEN,
};

describe("API input validation", () => {
  it("names every invalid field with a code the client translates", async () => {
    const session = new ApiSession(server.url);
    const result = await session.request("POST", "/api/exchanges", {
      ...validExchange,
      title: "   ",
      timeZone: "Mars/Olympus_Mons",
      facilitatorName: "x".repeat(61),
      uiLanguage: "fr",
    });
    expect(result).toEqual({
      status: 400,
      body: {
        error: "validation_failed",
        fields: {
          title: "required",
          timeZone: "invalid",
          facilitatorName: "too_long",
          uiLanguage: "invalid",
        },
      },
    });
    expect(session.cookie).toBeNull(); // nothing was created, not even a session
  });

  it("answers malformed JSON and oversized bodies with codes, not stack traces", async () => {
    const headers = { Origin: server.url, "Content-Type": "application/json" };
    const malformed = await fetch(`${server.url}/api/exchanges`, {
      method: "POST",
      headers,
      body: "{not json",
    });
    expect([malformed.status, await malformed.json()]).toEqual([400, { error: "validation_failed" }]);
    const huge = await fetch(`${server.url}/api/exchanges`, {
      method: "POST",
      headers,
      body: JSON.stringify({ ...validExchange, description: "x".repeat(100_000) }),
    });
    expect([huge.status, await huge.json()]).toEqual([413, { error: "payload_too_large" }]);
  });

  it("requires the operator token when the server is configured with one", async () => {
    const session = new ApiSession(server.url);
    expect(await session.ok("GET", "/api/config")).toEqual({ exchangeCreation: "token" });
    const { operatorToken: _omitted, ...withoutToken } = validExchange;
    expect((await session.request("POST", "/api/exchanges", withoutToken)).body).toEqual({
      error: "operator_token_required",
    });
    expect(
      (
        await session.request("POST", "/api/exchanges", {
          ...validExchange,
          operatorToken: "wrong-token-1234",
        })
      ).body,
    ).toEqual({
      error: "operator_token_invalid",
    });
  });

  it("rate-limits exchange creation per address", async () => {
    const session = new ApiSession(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await session.request("POST", "/api/exchanges", validExchange)).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(10);
  });

  it("stores names with markup as plain text, exactly as typed", async () => {
    const restarted = await startServer();
    try {
      const fx = await createExchange(
        restarted.url,
        '<img src=x onerror="alert(1)"><script>alert(2)</script>',
      );
      const view = await fx.facilitator.session.ok<{ exchange: { title: string } }>(
        "GET",
        `/api/exchanges/${fx.exchangeId}`,
      );
      expect(view.exchange.title).toBe('<img src=x onerror="alert(1)"><script>alert(2)</script>');
    } finally {
      await restarted.stop();
    }
  });

  it("sends security headers with a strict Content-Security-Policy", async () => {
    const response = await fetch(`${server.url}/healthz`);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-eval");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
