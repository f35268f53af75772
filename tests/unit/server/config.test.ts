import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../server/config";
import { DEFAULT_LIMITS } from "../../../shared/validation/limits";

describe("loadConfig", () => {
  it("has defaults that serve on 127.0.0.1 with an embedded database", () => {
    const config = loadConfig({});
    expect(config.host).toBe("127.0.0.1");
    expect(config.port).toBe(8040);
    expect(config.databaseFile.endsWith("data/mutual.db")).toBe(true);
    expect(config.limits).toEqual(DEFAULT_LIMITS);
  });

  it("reads numbers from the environment", () => {
    const config = loadConfig({ PORT: "0", MAX_MESSAGE_BYTES: "2048", DATA_DIR: "/tmp/x" });
    expect(config.port).toBe(0);
    expect(config.limits.maxMessageBytes).toBe(2048);
    expect(config.databaseFile).toBe("/tmp/x/mutual.db");
  });

  it("names every invalid setting", () => {
    expect(() => loadConfig({ PORT: "eighty", MAX_DOCUMENT_BYTES: "-1" })).toThrow(
      /PORT.*MAX_DOCUMENT_BYTES/,
    );
  });

  it("uses PostgreSQL only when DATABASE_URL is set, and refuses Redis without it", () => {
    expect(loadConfig({}).databaseUrl).toBeNull();
    expect(loadConfig({ DATABASE_URL: "postgres://mutual@db:5432/mutual" }).databaseUrl).toBe(
      "postgres://mutual@db:5432/mutual",
    );
    expect(() => loadConfig({ DATABASE_URL: "mysql://db/mutual" })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ REDIS_URL: "redis://127.0.0.1:6379" })).toThrow(
      /REDIS_URL: needs DATABASE_URL/,
    );
  });
});
