import type { PresenceUser } from "../../shared/protocol/presenceUser";

/**
 * Who a connection speaks for, as the server knows it (never as the client claims it); peers see it
 * as the `user` of the connection's presence.
 */
export type ConnectionIdentity = PresenceUser;

/** One client's socket as the rooms see it: bound to one participant, one room and one access. */
export interface Connection {
  readonly id: string;
  readonly identity: ConnectionIdentity;
  readonly access: "read" | "write";
  /** May change what a facilitated run locked (facilitators; server/collab/runGuard). */
  readonly mayEditLocked?: boolean;
  /** The client asked for Mutual's own messages (saved, access, refused); others get only standard ones. */
  readonly mutualMessages: boolean;
  send(message: Uint8Array): void;
  /** Writes a whole WebSocket frame (see wsFrames.ts) as it is: a room frames a message once for everyone. */
  sendFrame(frame: Buffer): void;
  /** Writes a frame given as its start and the rest, in one write, without joining them (see `syncFrameHead`). */
  sendFrameParts(head: Buffer, rest: Uint8Array): void;
  /** Closes it; from this moment nothing more it sent is handled. */
  close(code: number, reason: string): void;
  /** Logs a warning about this connection (rate-limited per remote address, like its close line). */
  warn(event: string, fields: Record<string, unknown>): void;
  /** Awareness client ids this connection has announced (removed when it leaves). */
  readonly awarenessIds: Set<number>;
}
