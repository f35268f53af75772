import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import { CloseCode } from "../../shared/protocol/closeCodes";
import { COLLAB_PATH, parseRoomName } from "../../shared/protocol/roomName";
import type { CollabLimits } from "../../shared/validation/limits";
import type { Logger } from "../log";
import type { Connection } from "./Connection";
import { handleMessage } from "./handleMessage";
import { ProtocolError } from "./ProtocolError";
import type { Room } from "./Room";
import type { RoomRegistry } from "./roomRegistry";

export interface CollabEndpoint {
  /** Handles an HTTP upgrade; returns false when the path is not the collaboration endpoint. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  readonly connectionCount: number;
  /** Closes every socket with "service restart" so that clients reconnect to the next server. */
  closeAll(): void;
}

const HEARTBEAT_MS = 30_000;

/** The y-websocket endpoint: one socket is one connection to one room. */
export function createCollabEndpoint(options: {
  registry: RoomRegistry;
  limits: CollabLimits;
  log: Logger;
  heartbeatMs?: number;
}): CollabEndpoint {
  const { registry, limits, log } = options;
  // ws itself refuses frames far past the limit (and WebSocket-level garbage) with 1009/1002;
  // frames just past it reach us so that the client gets our permanent "too large" code.
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes * 2 });
  let nextId = 0;

  const heartbeat = setInterval(() => {
    for (const socket of wss.clients) {
      const alive = socket as WebSocket & { isAlive?: boolean };
      if (alive.isAlive === false) socket.terminate();
      else {
        alive.isAlive = false;
        socket.ping();
      }
    }
  }, options.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();
  wss.on("close", () => clearInterval(heartbeat));

  function accept(socket: WebSocket, request: IncomingMessage, roomName: string | null): void {
    const id = `c${++nextId}`;
    const opened = Date.now();
    const logFields = { connection: id, room: roomName, remote: request.socket.remoteAddress };
    const connection: Connection = {
      id,
      awarenessIds: new Set(),
      send(message) {
        if (socket.readyState === WebSocket.OPEN) socket.send(message);
      },
      close(code, reason) {
        if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) {
          socket.close(code, reason.slice(0, 120));
        }
      },
    };
    (socket as WebSocket & { isAlive?: boolean }).isAlive = true;
    socket.on("pong", () => {
      (socket as WebSocket & { isAlive?: boolean }).isAlive = true;
    });
    log.info("connection.open", logFields);

    let room: Room | null = null;
    const queued: Array<[RawData, boolean]> = [];
    let closed = false;

    const refuse = (error: ProtocolError) => {
      log.warn("connection.error", { ...logFields, code: error.code, reason: error.message });
      connection.close(error.code, error.message);
    };
    const receive = (data: RawData, isBinary: boolean) => {
      if (!room) return;
      if (!isBinary) return refuse(new ProtocolError("malformedMessage", "text frames are not protocol"));
      const bytes = toBytes(data);
      if (bytes.byteLength > limits.maxMessageBytes) {
        return refuse(new ProtocolError("messageTooLarge", `message of ${bytes.byteLength} bytes`));
      }
      try {
        handleMessage(room, connection, bytes);
      } catch (error) {
        if (error instanceof ProtocolError) return refuse(error);
        log.error("connection.crash", { ...logFields, error: (error as Error).stack });
        connection.close(CloseCode.malformedMessage, "internal error");
      }
    };

    socket.on("message", (data, isBinary) => {
      if (room) receive(data, isBinary);
      else queued.push([data, isBinary]);
    });
    socket.on("error", (error) => {
      log.warn("connection.error", {
        ...logFields,
        reason: error.message,
        code: (error as { code?: string }).code,
      });
    });
    socket.on("close", (code, reason) => {
      closed = true;
      if (room) registry.leave(room, connection);
      log.info("connection.close", {
        ...logFields,
        code,
        reason: reason.toString(),
        ms: Date.now() - opened,
      });
    });

    if (!roomName) {
      refuse(new ProtocolError("invalidRoom", "room name must be <exchangeId>/<documentId>"));
      return;
    }
    registry.join(roomName, connection).then(
      (joined) => {
        if (closed) return registry.leave(joined, connection);
        room = joined;
        joined.greet(connection);
        for (const [data, isBinary] of queued.splice(0)) receive(data, isBinary);
      },
      (error: Error) => {
        log.error("room.load_failed", { ...logFields, error: error.message });
        connection.close(CloseCode.roomUnavailable, "room could not be loaded");
      },
    );
  }

  return {
    handleUpgrade(request, socket, head) {
      const url = new URL(request.url ?? "/", "http://localhost");
      if (!url.pathname.startsWith(`${COLLAB_PATH}/`)) return false;
      const requested = url.pathname.slice(COLLAB_PATH.length + 1);
      const roomName = parseRoomName(requested) ? requested : null;
      // Accept first, then close with a 44xx code: a refused upgrade looks like a network error and
      // the browser would retry for ever.
      wss.handleUpgrade(request, socket, head, (ws) => accept(ws, request, roomName));
      return true;
    },
    get connectionCount() {
      return wss.clients.size;
    },
    closeAll() {
      for (const socket of wss.clients) socket.close(CloseCode.serviceRestart, "server restarting");
      wss.close();
    },
  };
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
