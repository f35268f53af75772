import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Authorizer } from "../../../../server/collab/authorizeConnection";
import { type CollabEndpoint, createCollabEndpoint } from "../../../../server/collab/collabEndpoint";
import type { RoomRegistry } from "../../../../server/collab/roomRegistry";
import { warmUpConnection } from "../../../../server/collab/warmUp";
import { DEFAULT_LIMITS } from "../../../../shared/validation/limits";

const TOKEN = "start-up-token";

let http: Server;
let endpoint: CollabEndpoint;
let address: AddressInfo;
const used: string[] = [];
const logged: string[] = [];

beforeEach(async () => {
  used.length = 0;
  logged.length = 0;
  const registry: RoomRegistry = {
    join: async () => {
      used.push("registry.join");
      throw new Error("the warm-up must not load a room");
    },
    leave: () => void used.push("registry.leave"),
    size: 0,
    flushAll: async () => {},
  };
  const authorize: Authorizer = async () => {
    used.push("authorize");
    return { ok: false, code: "forbidden", reason: "test" };
  };
  const log = {
    info: (event: string) => void logged.push(event),
    warn: (event: string) => void logged.push(event),
    error: (event: string) => void logged.push(event),
  };
  endpoint = createCollabEndpoint({ registry, limits: DEFAULT_LIMITS, log, authorize, warmUpToken: TOKEN });
  http = createServer();
  http.on("upgrade", (request, socket, head) => {
    if (!endpoint.handleUpgrade(request, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  address = http.address() as AddressInfo;
});

afterEach(async () => {
  endpoint.closeAll();
  await new Promise((resolve) => http.close(resolve));
});

describe("start-up warm-up connection", () => {
  it("syncs, changes and announces presence in a throwaway room, without the registry, authorization or a log line", async () => {
    expect(await warmUpConnection(address, TOKEN)).toBe(true);
    // The server side of the socket closes a moment after the client's.
    for (let i = 0; i < 100 && endpoint.connectionCount > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(used).toEqual([]);
    expect(logged).toEqual([]);
    expect(endpoint.connectionCount).toBe(0);
  });

  it("is good for one use: the token replayed is an ordinary connection, refused and logged", async () => {
    expect(await warmUpConnection(address, TOKEN)).toBe(true);
    expect(await warmUpConnection(address, TOKEN)).toBe(false);
    expect(logged).toContain("connection.error");
  });

  it("gives a wrong token no special treatment, and the right one still works after it", async () => {
    expect(await warmUpConnection(address, "guessed")).toBe(false);
    expect(logged).toContain("connection.error");
    expect(await warmUpConnection(address, TOKEN)).toBe(true);
  });

  it("gives up after its time limit when nobody answers", async () => {
    const silent = createServer();
    const held: Duplex[] = [];
    silent.on("upgrade", (_request, socket) => void held.push(socket)); // never answered
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const started = Date.now();
    expect(await warmUpConnection(silent.address() as AddressInfo, TOKEN, 200)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });
});
