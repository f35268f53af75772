/**
 * What the rooms (server/collab) need from the other instances of a scale-out deployment. Types only:
 * a single server has none of it (`crossInstance` absent, `localLeases`), and collab code never
 * imports Redis.
 */

/** What a room hears from the same room on other instances. */
export interface RemoteRoomHandlers {
  /** Changes another instance stored: apply, relay to local clients, never store or publish again. */
  update(update: Uint8Array, bindings: ReadonlyArray<[number, string]>, changes: number): void;
  /** Presence of another instance's clients. */
  awareness(update: Uint8Array, instance: string): void;
  /** Another instance joined the room and asks who is here: answer with the local clients' presence. */
  awarenessQuery(): void;
  /** The lease holder compacted the document. */
  compacted(updates: number, bytes: number): void;
}

export interface CrossInstanceRooms {
  readonly instanceId: string;
  /** Subscribes to a room's channel; resolves once subscribed (a room is loaded only after that). */
  subscribe(roomName: string, handlers: RemoteRoomHandlers): Promise<void>;
  unsubscribe(roomName: string): void;
  /** A stored change: published with the room's other changes of this tick, as one message. */
  publishUpdate(roomName: string, update: Uint8Array, bindings: ReadonlyArray<[number, string]>): void;
  /** Presence changes of local clients (already one message per room per tick). */
  publishAwareness(roomName: string, update: Uint8Array): void;
  queryAwareness(roomName: string): void;
  publishCompacted(roomName: string, updates: number, bytes: number): void;
}

export type LeaseOutcome<T> = { ran: true; value: T } | { ran: false };

/**
 * Per-document work that one instance at a time may do (compaction, automatic versions). The lease is
 * kept once taken, renewed while its holder lives, and given back when the holder unloads the room;
 * a dead holder's lease expires and the next instance that asks takes it.
 */
export interface DocumentLeases {
  /** Runs `fn` if this instance holds (or can take) the document's lease; otherwise does not run it. */
  withDocumentLease<T>(documentName: string, fn: () => Promise<T>): Promise<LeaseOutcome<T>>;
  /** Gives the lease back (the room is unloaded here). */
  release(documentName: string): Promise<void>;
  /** Gives every lease back (shutdown). */
  releaseAll(): Promise<void>;
}

/** A single server: every lease is its own. */
export const localLeases: DocumentLeases = {
  async withDocumentLease(_documentName, fn) {
    return { ran: true, value: await fn() };
  },
  async release() {},
  async releaseAll() {},
};
