import { randomBytes } from "node:crypto";
import type { RoomsAcrossInstances } from "../collab/roomRegistry";
import type { RateLimitStore } from "../http/rateLimit";
import type { Logger } from "../log";
import { type SocketClosing, startControlBus } from "./controlBus";
import type { CrossInstanceRooms, DocumentLeases } from "./crossInstance";
import { createDegradation, type Degradation, watchDatabase } from "./degradation";
import { createRedisLeases } from "./documentLeases";
import { startInstanceHeartbeats } from "./instanceHeartbeats";
import { type PresenceEntry, startPresenceBus } from "./presenceBus";
import { openRedisConnection, type RedisConnection } from "./redisConnection";
import { redisRateLimitStore } from "./redisRateLimits";
import { createRoomFanOut } from "./roomFanOut";

/** Code and reason sockets are closed with while a dependency is down: clients retry (see closeCodes). */
export const RETRY_CODE = 1012;

export interface ScaleOut {
  readonly instanceId: string;
  readonly redis: RedisConnection;
  readonly crossInstance: CrossInstanceRooms;
  readonly leases: DocumentLeases;
  readonly rateLimits: RateLimitStore;
  readonly degradation: Degradation;
  /**
   * Connects the rooms and the sockets once they exist: Redis loss drops every room, a peer's death is
   * caught up, revocations and presence reach every instance. Returns the socket closing and the
   * presence the HTTP API must use.
   */
  attach(parts: {
    rooms: RoomsAcrossInstances;
    sockets: SocketClosing;
    closeEverySocket: (code: number, reason: string) => void;
    /** This instance's own sockets' presence in an exchange. */
    presence: (exchangeId: string) => PresenceEntry[];
    databasePing?: () => Promise<unknown>;
  }): Promise<SocketClosing & { presence(exchangeId: string): PresenceEntry[] }>;
  /** This instance's presence in an exchange changed (told to the others once attached). */
  presenceChanged(exchangeId: string): void;
  /** Resolves once Redis is reachable. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A scale-out deployment's Redis side (REDIS_URL): fan-out of rooms between instances, instance
 * liveness, document leases, revocations and rate counters, and the degraded mode while Redis or the
 * database is unreachable. See README "Scale-out" for why pub/sub and not streams.
 */
export function createScaleOut(options: {
  url: string;
  prefix: string;
  log: Logger;
  instanceId?: string;
  heartbeatMs?: number;
  leaseTtlMs?: number;
}): ScaleOut {
  const { log } = options;
  const instanceId = options.instanceId ?? randomBytes(6).toString("hex");
  const redis = openRedisConnection({ url: options.url, prefix: options.prefix, log });
  let rooms: RoomsAcrossInstances | null = null;
  let closeEverySocket: ((code: number, reason: string) => void) | null = null;
  let stopDatabaseWatch: (() => void) | null = null;
  let presenceBus: Awaited<ReturnType<typeof startPresenceBus>> | null = null;

  const degradation = createDegradation({
    log,
    dependencies: ["redis", "database"],
    onDegraded: (reason) => {
      fanOut.reset();
      closeEverySocket?.(RETRY_CODE, reason);
      rooms?.dropAll(RETRY_CODE, reason);
    },
    onRecovered: () => {},
  });

  let recovering = false;
  /** A publish failed: serve nothing until Redis answers again. */
  const lost = (reason: string) => {
    degradation.down("redis", reason);
    if (recovering) return;
    recovering = true;
    void (async () => {
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        await redis.ready();
        try {
          await redis.ping(1000);
          break;
        } catch {
          // still away
        }
      }
      recovering = false;
      degradation.up("redis");
    })();
  };

  const heartbeats = startInstanceHeartbeats({
    redis,
    instanceId,
    log,
    intervalMs: options.heartbeatMs,
    onDead: (instance) => {
      presenceBus?.forget(instance);
      void rooms?.peerDied(instance);
    },
  });
  const fanOut = createRoomFanOut({
    redis,
    instanceId,
    log,
    onLost: lost,
    onPeer: (instance) => heartbeats.seen(instance),
  });
  const leases = createRedisLeases({ redis, instanceId, log, ttlMs: options.leaseTtlMs });
  redis.onChange((up) => (up ? degradation.up("redis") : degradation.down("redis", "connection lost")));
  // Not connected yet: refuse until it is.
  if (!redis.up) degradation.down("redis", "connecting");

  return {
    instanceId,
    redis,
    crossInstance: fanOut,
    leases,
    rateLimits: redisRateLimitStore(redis),
    degradation,
    async attach(parts) {
      rooms = parts.rooms;
      closeEverySocket = parts.closeEverySocket;
      if (parts.databasePing) stopDatabaseWatch = watchDatabase({ ping: parts.databasePing, degradation });
      presenceBus = await startPresenceBus({ redis, instanceId, log, local: parts.presence });
      const closing = await startControlBus({ redis, instanceId, local: parts.sockets, log });
      const bus = presenceBus;
      return { ...closing, presence: (exchangeId) => bus.presence(exchangeId) };
    },
    presenceChanged(exchangeId) {
      presenceBus?.changed(exchangeId);
    },
    ready: () => redis.ready(),
    async close() {
      stopDatabaseWatch?.();
      leases.stop();
      await heartbeats.stop();
      await redis.close();
    },
  };
}
