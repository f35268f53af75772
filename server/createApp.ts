import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { createCollabEndpoint } from "./collab/collabEndpoint";
import { createRoomRegistry } from "./collab/roomRegistry";
import type { Config } from "./config";
import { errorHandler, notFound } from "./http/errors";
import { healthRoutes } from "./http/health";
import { securityHeaders } from "./http/securityHeaders";
import { staticClientRoutes } from "./http/staticClient";
import type { Logger } from "./log";
import type { DocumentStorage } from "./storage/DocumentStorage";

export interface MutualServer {
  readonly http: Server;
  /** Starts listening; resolves with the bound port (useful with port 0). */
  listen(): Promise<number>;
  /** Stops accepting, asks clients to reconnect elsewhere, writes and compacts every document. */
  close(): Promise<void>;
}

/** Builds the whole server from its dependencies without listening, so tests can build it too. */
export function createApp(config: Config, deps: { storage: DocumentStorage; log: Logger }): MutualServer {
  const { storage, log } = deps;
  const registry = createRoomRegistry({
    storage,
    log,
    maxDocumentBytes: config.limits.maxDocumentBytes,
    flushIntervalMs: config.flushIntervalMs,
    roomIdleMs: config.roomIdleMs,
    compactAfterUpdates: config.compactAfterUpdates,
  });
  const collab = createCollabEndpoint({ registry, limits: config.limits, log });

  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders());
  app.use(healthRoutes(() => ({ rooms: registry.size, connections: collab.connectionCount })));
  app.use(staticClientRoutes(config.staticDir));
  app.use(notFound());
  app.use(errorHandler(log));

  const http = createServer(app);
  http.on("upgrade", (request, socket, head) => {
    if (!collab.handleUpgrade(request, socket, head)) socket.destroy();
  });

  return {
    http,
    listen() {
      return new Promise((resolve, reject) => {
        http.once("error", reject);
        http.listen(config.port, config.host, () => resolve((http.address() as AddressInfo).port));
      });
    },
    async close() {
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      collab.closeAll();
      http.closeAllConnections();
      await registry.flushAll();
      await stopped;
    },
  };
}
