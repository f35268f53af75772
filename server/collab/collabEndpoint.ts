import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import { CloseCode } from "../../shared/protocol/closeCodes";
import { asksForMutualMessages } from "../../shared/protocol/mutualClient";
import { COLLAB_PATH, parseRoomName } from "../../shared/protocol/roomName";
import type { CollabLimits } from "../../shared/validation/limits";
import type { Logger } from "../log";
import type { Authorization, Authorizer } from "./authorizeConnection";
import type { Connection } from "./Connection";
import { createConnectionInbox } from "./connectionInbox";
import { handleMessage } from "./handleMessage";
import { type HeartbeatSocket, startHeartbeat } from "./heartbeat";
import { ProtocolError } from "./ProtocolError";
import type { Room } from "./Room";
import type { RoomRegistry } from "./roomRegistry";
import type { WarningLimiter } from "./warningLimiter";
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
  /** Closes every socket with `code` but keeps accepting (scale-out: a dependency was lost). */
  closeEvery(code: number, reason: string): void;
}

const HEARTBEAT_MS = 30_000;
type LiveSocket = WebSocket & HeartbeatSocket;

/** How a connection ended, when the server ended it: `info` for its own reasons, else the client's fault (or a bug). */
interface Ending {
  /** 0: ws closed it for WebSocket-level garbage, with a code of its own. */
  code: number;
  reason: string;
  level: "info" | "warn" | "error";
  error: string | undefined;
}
type End = (code: number, reason: string, level: Ending["level"], error?: string) => void;

/** The y-websocket endpoint: one socket is one connection of one participant to one room. */
export function createCollabEndpoint(options: {
  registry: RoomRegistry;
  limits: CollabLimits;
  log: Logger;
  authorize: Authorizer;
  heartbeatMs?: number;
  /** Rate-limits the warnings about connections per remote address. */
  warnings: WarningLimiter;
  /** Scale-out: why new sockets are refused now (Redis or the database unreachable), or null. */
  refusing?: () => string | null;
  /** Scale-out: who is connected to an exchange's documents changed here (the other instances are told). */
  onPresenceChange?: (exchangeId: string) => void;
}): CollabEndpoint {
  const { registry: rooms, limits, authorize, log, warnings } = options;
  // ws itself refuses frames far past the limit (and WebSocket-level garbage) with 1009/1002;
  // frames just past it reach us so that the client gets our permanent "too large" code.
  // No compression: relayed frames are written straight to the sockets (see `sendFrame`).
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes * 2,
    perMessageDeflate: false,
  });
  const live = new Map<Connection, string>();
  /** How the server ends each open socket (see `end` below): every close it decides goes through it. */
  const enders = new Map<WebSocket, End>();
  let nextId = 0;

  const presenceChanged = (roomName: string | null) => {
    const exchangeId = roomName ? parseRoomName(roomName)?.exchangeId : undefined;
    if (exchangeId && options.onPresenceChange) options.onPresenceChange(exchangeId);
  };

  const heartbeat = startHeartbeat(() => wss.clients as Set<LiveSocket>, options.heartbeatMs ?? HEARTBEAT_MS);
  wss.on("close", () => heartbeat.stop());

  function accept(
    socket: LiveSocket,
    roomName: string | null,
    remote: string | undefined,
    authorization: Promise<Authorization> | null,
    mutualMessages: boolean,
  ): void {
    const opened = Date.now();
    const logFields: Record<string, unknown> = { connection: `c${++nextId}`, room: roomName, remote };
    let connection: Connection | null = null;
    let room: Room | null = null;
    let closed = false;
    /** Why the server ended the connection, if it did: logged once, with the rest, when the socket closes. */
    let ending: Ending | null = null;

    /** A warning about this connection, rate-limited per remote address (`warnings`). */
    const warn = (level: "warn" | "error", event: string, fields: Record<string, unknown>) => {
      const verdict = warnings.take(remote ?? "unknown");
      if (!verdict.log) return;
      log[level](event, verdict.suppressed > 0 ? { ...fields, suppressed: verdict.suppressed } : fields);
    };
    /**
     * The server's decision to close the connection. From this moment nothing it sent is handled, not
     * even frames already received or parsed from the same TCP chunk (`ws` goes on emitting those).
     */
    const end: End = (code, reason, level, error) => {
      if (!inbox.condemn()) return;
      ending = { code, reason, level, error };
      if (socket.readyState === WebSocket.OPEN) socket.close(code, reason.slice(0, 120));
    };
    const receive = (data: RawData, isBinary: boolean) => {
      if (!room || !connection) return; // never: the inbox opens once both are set
      if (!isBinary) return end(CloseCode.malformedMessage, "text frames are not protocol", "warn");
      const bytes = toBytes(data);
      if (bytes.byteLength > limits.maxMessageBytes) {
        return end(CloseCode.messageTooLarge, `message of ${bytes.byteLength} bytes`, "warn");
      }
      try {
        handleMessage(room, connection, bytes);
      } catch (error) {
        if (error instanceof ProtocolError) end(error.code, error.message, "warn");
        else end(CloseCode.malformedMessage, "internal error", "error", (error as Error).stack);
      }
    };
    // Frames that arrive while we authorize and load are held, in order, and handed over afterwards.
    const inbox = createConnectionInbox(receive);
    enders.set(socket, end);

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
    socket.on("message", inbox.receive);
    // WebSocket-level garbage (bad opcode, reserved bits, length past maxPayload): ws has already
    // started closing with 1002/1009; the close code it settles on is logged.
    socket.on("error", (error) => {
      end(0, (error as { code?: string }).code ?? error.message, "warn", error.message);
    });
    socket.on("close", (code, reason) => {
      closed = true;
      enders.delete(socket);
      if (connection && live.delete(connection)) presenceChanged(roomName);
      if (room && connection) rooms.leave(room, connection);
      const fields: Record<string, unknown> = {
        ...logFields,
        code: ending?.code || code,
        reason: ending?.reason ?? reason.toString(),
        ms: Date.now() - opened,
      };
      if (!ending) return log.info("connection.close", fields);
      // Everything the connection sent after the decision: a flood shows as a count, not as lines.
      fields.dropped = inbox.dropped;
      if (ending.error !== undefined) fields.error = ending.error;
      if (ending.level === "info") log.info("connection.close", fields);
      else warn(ending.level, "connection.close", fields);
    });

    if (!roomName || !authorization) {
      end(CloseCode.invalidRoom, "room name must be <exchangeId>/<documentId>", "warn");
      return;
    }
    const refusal = options.refusing?.();
    if (refusal) {
      end(CloseCode.serviceRestart, refusal, "info");
      return;
    }

    void (async () => {
      const granted = await authorization;
      if (!granted.ok) return end(CloseCode[granted.code], granted.reason, "warn");
      if (closed || inbox.condemned) return;
      Object.assign(logFields, {
        participant: granted.identity.participantId,
        access: granted.access,
      });
      connection = {
        id: logFields.connection as string,
        identity: granted.identity,
        access: granted.access,
        mayEditLocked: granted.facilitator === true,
        mutualMessages,
        awarenessIds: new Set(),
        send: (message) => sendFrame(binaryFrame(message)),
        sendFrame,
        sendFrameParts,
        close: (code, reason) => end(code, reason, "info"),
        warn: (event, fields) => warn("warn", event, { ...logFields, ...fields }),
      };
      live.set(connection, roomName);
      presenceChanged(roomName);
      const joined = await rooms.join(roomName, connection);
      if (closed || inbox.condemned) return rooms.leave(joined, connection);
      // Redis or the database went away while this socket waited for its room.
      const refusedNow = options.refusing?.();
      if (refusedNow) {
        rooms.leave(joined, connection);
        return end(CloseCode.serviceRestart, refusedNow, "info");
      }
      room = joined;
      joined.greet(connection);
      inbox.open();
    })().catch((error: Error) => {
      end(CloseCode.roomUnavailable, "room could not be loaded", "error", error.message);
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
        accept(
          ws,
          address ? requested : null,
          remote,
          authorization,
          asksForMutualMessages(url.searchParams),
        ),
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
    closeEvery(code, reason) {
      for (const end of enders.values()) end(code, reason, "info");
    },
    closeAll() {
      for (const end of enders.values()) end(CloseCode.serviceRestart, "server restarting", "info");
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
