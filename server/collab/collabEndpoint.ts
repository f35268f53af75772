import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import { CloseCode, type CloseCodeName } from "../../shared/protocol/closeCodes";
import { COLLAB_PATH, parseRoomName } from "../../shared/protocol/roomName";
import type { CollabLimits } from "../../shared/validation/limits";
import type { Logger } from "../log";
import type { Authorization, Authorizer } from "./authorizeConnection";
import type { Connection } from "./Connection";
import { handleMessage } from "./handleMessage";
import { type HeartbeatSocket, startHeartbeat } from "./heartbeat";
import { ProtocolError } from "./ProtocolError";
import type { Room } from "./Room";
import type { RoomRegistry } from "./roomRegistry";
import { binaryFrame } from "./wsFrames";

export interface CollabEndpoint {
  /** Handles an HTTP upgrade; returns false when the path is not the collaboration endpoint. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  readonly connectionCount: number;
  /** Closes every connection of a participant (removed: permanent code; changed: they reconnect). */
  closeParticipant(participantId: string, code: number, reason: string): void;
  /** Closes every connection to a document (its access changed, e.g. archived). */
  closeRoom(roomName: string, code: number, reason: string): void;
  /** Who is connected to which document of an exchange. */
  presence(exchangeId: string): Array<{ participantId: string; documentId: string }>;
  /** Closes every socket with "service restart" so that clients reconnect to the next server. */
  closeAll(): void;
}

const HEARTBEAT_MS = 30_000;
type LiveSocket = WebSocket & HeartbeatSocket;

/** The y-websocket endpoint: one socket is one connection of one participant to one room. */
export function createCollabEndpoint(options: {
  registry: RoomRegistry;
  limits: CollabLimits;
  log: Logger;
  authorize: Authorizer;
  heartbeatMs?: number;
}): CollabEndpoint {
  const { registry: rooms, limits, authorize, log } = options;
  // ws itself refuses frames far past the limit (and WebSocket-level garbage) with 1009/1002;
  // frames just past it reach us so that the client gets our permanent "too large" code.
  // No compression: relayed frames are written straight to the sockets (see `sendFrame`).
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes * 2,
    perMessageDeflate: false,
  });
  const live = new Map<Connection, string>();
  let nextId = 0;

  const heartbeat = startHeartbeat(() => wss.clients as Set<LiveSocket>, options.heartbeatMs ?? HEARTBEAT_MS);
  wss.on("close", () => heartbeat.stop());

  function accept(
    socket: LiveSocket,
    roomName: string | null,
    remote: string | undefined,
    authorization: Promise<Authorization> | null,
  ): void {
    const opened = Date.now();
    const logFields: Record<string, unknown> = { connection: `c${++nextId}`, room: roomName, remote };
    // Frames that arrive while we authorize and load are kept, in order, and read afterwards.
    const queued: Array<[RawData, boolean]> = [];
    let connection: Connection | null = null;
    let room: Room | null = null;
    let closed = false;

    const closeWith = (name: CloseCodeName, reason: string) => {
      log.warn("connection.error", { ...logFields, code: CloseCode[name], reason });
      if (socket.readyState === WebSocket.OPEN) socket.close(CloseCode[name], reason.slice(0, 120));
    };
    const receive = (data: RawData, isBinary: boolean) => {
      if (!room || !connection) return;
      if (!isBinary) return closeWith("malformedMessage", "text frames are not protocol");
      const bytes = toBytes(data);
      if (bytes.byteLength > limits.maxMessageBytes) {
        return closeWith("messageTooLarge", `message of ${bytes.byteLength} bytes`);
      }
      try {
        handleMessage(room, connection, bytes);
      } catch (error) {
        if (!(error instanceof ProtocolError)) {
          log.error("connection.crash", { ...logFields, error: (error as Error).stack });
          return closeWith("malformedMessage", "internal error");
        }
        log.warn("connection.error", { ...logFields, code: error.code, reason: error.message });
        connection.close(error.code, error.message);
      }
    };

    const rawSocket = (socket as unknown as { _socket: Duplex })._socket;
    // Straight to the TCP socket: ws writes without queueing when, as here, nothing is compressed, so
    // these frames keep their order among the control frames (ping, close) that ws writes.
    const sendFrame = (frame: Buffer) => {
      if (socket.readyState === WebSocket.OPEN) rawSocket.write(frame);
    };
    const sendFrameParts = (head: Buffer, rest: Uint8Array) => {
      if (socket.readyState !== WebSocket.OPEN) return;
      rawSocket.cork();
      rawSocket.write(head);
      rawSocket.write(rest);
      rawSocket.uncork();
    };
    socket.isAlive = true;
    socket.on("pong", () => {
      socket.isAlive = true;
    });
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
      if (connection) live.delete(connection);
      if (room && connection) rooms.leave(room, connection);
      log.info("connection.close", {
        ...logFields,
        code,
        reason: reason.toString(),
        ms: Date.now() - opened,
      });
    });

    if (!roomName || !authorization) {
      closeWith("invalidRoom", "room name must be <exchangeId>/<documentId>");
      return;
    }

    void (async () => {
      const granted = await authorization;
      if (!granted.ok) return closeWith(granted.code, granted.reason);
      if (closed) return;
      Object.assign(logFields, {
        participant: granted.identity.participantId,
        access: granted.access,
      });
      connection = {
        id: logFields.connection as string,
        identity: granted.identity,
        access: granted.access,
        awarenessIds: new Set(),
        send: (message) => sendFrame(binaryFrame(message)),
        sendFrame,
        sendFrameParts,
        close(code, reason) {
          if (socket.readyState === WebSocket.OPEN) socket.close(code, reason.slice(0, 120));
        },
      };
      live.set(connection, roomName);
      log.info("connection.open", logFields);
      const joined = await rooms.join(roomName, connection);
      if (closed) return rooms.leave(joined, connection);
      room = joined;
      joined.greet(connection);
      for (const [data, isBinary] of queued.splice(0)) receive(data, isBinary);
    })().catch((error: Error) => {
      log.error("room.load_failed", { ...logFields, error: error.message });
      closeWith("roomUnavailable", "room could not be loaded");
    });
  }

  return {
    handleUpgrade(request, socket, head) {
      const url = new URL(request.url ?? "/", "http://localhost");
      if (!url.pathname.startsWith(`${COLLAB_PATH}/`)) return false;
      const requested = url.pathname.slice(COLLAB_PATH.length + 1);
      const address = parseRoomName(requested);
      // Authorization starts now and only its result is kept: the request itself is not held for the
      // connection's lifetime (it costs memory per idle connection).
      const authorization = address ? authorize(request, address) : null;
      authorization?.catch(() => {}); // handled where it is awaited
      const remote = request.socket.remoteAddress;
      // Accept first, then close with a 44xx code: a refused upgrade looks like a network error and
      // the browser would retry for ever.
      wss.handleUpgrade(request, socket, head, (ws) =>
        accept(ws, address ? requested : null, remote, authorization),
      );
      return true;
    },
    get connectionCount() {
      return wss.clients.size;
    },
    closeParticipant(participantId, code, reason) {
      for (const connection of live.keys()) {
        if (connection.identity.participantId === participantId) connection.close(code, reason);
      }
    },
    closeRoom(roomName, code, reason) {
      for (const [connection, name] of live) if (name === roomName) connection.close(code, reason);
    },
    presence(exchangeId) {
      const seen = new Map<string, { participantId: string; documentId: string }>();
      for (const [connection, roomName] of live) {
        const address = parseRoomName(roomName);
        if (address?.exchangeId !== exchangeId) continue;
        const { participantId } = connection.identity;
        seen.set(`${participantId}/${address.documentId}`, { participantId, documentId: address.documentId });
      }
      return [...seen.values()];
    },
    closeAll() {
      for (const socket of wss.clients) socket.close(CloseCode.serviceRestart, "server restarting");
      wss.close();
    },
  };
}

/** The message's bytes (ws hands binary messages over as one Buffer, itself a Uint8Array). */
function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
