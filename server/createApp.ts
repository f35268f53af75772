import { randomFillSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { newId } from "../shared/protocol/ids";
import { createAuthorizer } from "./collab/authorizeConnection";
import { createCollabEndpoint } from "./collab/collabEndpoint";
import { createRoomRegistry } from "./collab/roomRegistry";
import { createWarningLimiter } from "./collab/warningLimiter";
import type { Config } from "./config";
import { createHistoryService, type HistoryService } from "./history/historyService";
import { apiRouter } from "./http/api/apiRouter";
import { errorHandler, notFound } from "./http/errors";
import { type DependencyCheck, healthRoutes } from "./http/health";
import { securityHeaders } from "./http/securityHeaders";
import { staticClientRoutes } from "./http/staticClient";
import type { Logger } from "./log";
import { createRunSerializer, localRunLock } from "./run/runLock";
import { scaleOutRunSerializer } from "./run/runLockRedis";
import { createRunService } from "./run/runService";
import { withTimeout } from "./scaleout/degradation";
import type { ScaleOut } from "./scaleout/scaleOut";
import type { DirectoryStorage } from "./storage/DirectoryStorage";
import type { DocumentStorage } from "./storage/DocumentStorage";
import type { Durability } from "./storage/durability/durability";
import { encodeUpdateBatch } from "./storage/journal/journalFormat";
import { delegationPairSync } from "./templates/delegationPairSync";

export interface MutualServer {
  readonly http: Server;
  /** Starts listening; resolves with the bound port (useful with port 0). */
  listen(): Promise<{ port: number }>;
  /** Stops accepting, asks clients to reconnect elsewhere, writes and compacts every document. */
  close(): Promise<void>;
}

/** Builds the whole server from its dependencies without listening, so tests can build it too. */
export function createApp(
  config: Config,
  deps: {
    documents: DocumentStorage;
    /** Where a change is made durable before it is relayed (server/storage/durability). */
    durability: Durability;
    directory: DirectoryStorage;
    secret: Buffer;
    log: Logger;
    /** Scale-out (REDIS_URL): the other instances, through Redis. */
    scaleOut?: ScaleOut | null;
    /** Answers once the database does (the health endpoint; scale-out watches it). */
    databasePing?: () => Promise<unknown>;
  },
): MutualServer {
  const { documents, durability, directory, secret, log } = deps;
  const scaleOut = deps.scaleOut ?? null;
  // History hears of changes from the rooms and restores through them: bound once both exist.
  let history: HistoryService | null = null;
  const registry = createRoomRegistry({
    storage: documents,
    durability,
    log,
    maxDocumentBytes: config.limits.maxDocumentBytes,
    flushIntervalMs: config.flushIntervalMs,
    flushMaxBatch: config.flushMaxBatch,
    roomIdleMs: config.roomIdleMs,
    compactAfterUpdates: config.compactAfterUpdates,
    crossInstance: scaleOut?.crossInstance,
    leases: scaleOut?.leases,
    history: {
      noteChange: (room) => history?.noteChange(room),
      noteEmpty: (room) => history?.noteEmpty(room),
    },
  });
  history = createHistoryService({ storage: documents, rooms: registry, log, leases: scaleOut?.leases });
  // Facilitated runs write into documents through the rooms, and mark their events in history.
  // Several instances: run commands serialized per document by a Redis lock (server/run/runLockRedis).
  // The server's own changes to a document (run commands, a new delegation's pairs) one at a time.
  const serializer = scaleOut
    ? scaleOutRunSerializer({ redis: scaleOut.redis, rooms: registry, storage: documents, log })
    : createRunSerializer({ lock: localRunLock(), rooms: registry, log });
  const runs = createRunService({ rooms: registry, directory, history, log, now: Date.now, serializer });
  const authorize = createAuthorizer({ directory, secret, trustedOrigins: config.trustedOrigins });
  const collab = createCollabEndpoint({
    registry,
    limits: config.limits,
    log,
    authorize,
    // The 10,000 addresses heard from last are remembered: a bounded table whatever the traffic.
    warnings: createWarningLimiter({
      perWindow: config.warningsPerMinute,
      windowMs: 60_000,
      maxAddresses: 10_000,
    }),
    refusing: scaleOut ? () => scaleOut.degradation.refusing() : undefined,
    onPresenceChange: scaleOut ? (exchangeId) => scaleOut.presenceChanged(exchangeId) : undefined,
  });
  // Revoking a participant closes their sockets on every instance (scale-out: through Redis).
  const live = {
    closeParticipant: collab.closeParticipant,
    closeRoom: collab.closeRoom,
    presence: collab.presence,
  };
  const attached = scaleOut
    ?.attach({
      rooms: registry,
      sockets: { closeParticipant: collab.closeParticipant, closeRoom: collab.closeRoom },
      closeEverySocket: collab.closeEvery,
      presence: collab.presence,
      databasePing: deps.databasePing,
    })
    .then((everywhere) => Object.assign(live, everywhere));
  const api = apiRouter(
    {
      directory,
      secret,
      operatorToken: config.operatorToken,
      live,
      history,
      runs,
      delegationPairs: delegationPairSync({ serializer, directory, log }),
      writeFirstContent: (documentName, update) =>
        documents.appendUpdates(encodeUpdateBatch([{ documentName, update, author: null }])),
      now: Date.now,
      newId: () => newId((bytes) => randomFillSync(bytes)),
    },
    config.trustedOrigins,
    // The agenda export reads what is stored, once every change made so far has reached it.
    { storage: documents, flush: () => registry.flushWrites() },
  );

  const app = express();
  app.disable("x-powered-by");
  if (config.trustProxy !== null) app.set("trust proxy", config.trustProxy);
  app.use(securityHeaders());
  if (scaleOut) app.locals.rateLimitStore = scaleOut.rateLimits;
  const dependencies: DependencyCheck[] = [];
  const databasePing = deps.databasePing;
  if (databasePing) {
    dependencies.push({
      name: "database",
      check: async () => {
        const started = performance.now();
        await withTimeout(Promise.resolve(databasePing()), 1000, "database did not answer");
        return performance.now() - started;
      },
    });
  }
  if (scaleOut) dependencies.push({ name: "redis", check: () => scaleOut.redis.ping(1000) });
  app.use(healthRoutes(() => ({ rooms: registry.size, connections: collab.connectionCount }), dependencies));
  app.use(api);
  app.use(staticClientRoutes(config.staticDir));
  app.use(notFound());
  app.use(errorHandler(log));

  const http = createServer(app);
  http.on("upgrade", (request, socket, head) => {
    if (!collab.handleUpgrade(request, socket, head)) socket.destroy();
  });

  return {
    http,
    async listen() {
      // A scale-out instance serves once it reaches Redis and hears revocations from its peers.
      await attached;
      const address = await new Promise<AddressInfo>((resolve, reject) => {
        http.once("error", reject);
        http.listen(config.port, config.host, () => resolve(http.address() as AddressInfo));
      });
      return { port: address.port };
    },
    async close() {
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      collab.closeAll();
      http.closeAllConnections();
      await registry.flushAll();
      history?.close();
      if (durability.kind === "journal") durability.journal.close();
      await scaleOut?.close();
      await stopped;
    },
  };
}
