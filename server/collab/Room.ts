import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { MessageType } from "../../shared/protocol/messageTypes";
import type { StoredDocument } from "../storage/DocumentStorage";
import type { Connection } from "./Connection";
import { inspectUpdate, type UpdateClocks } from "./inspectUpdate";
import { ProtocolError } from "./ProtocolError";

/** Called for every change to the document that came from a client (to be written to storage). */
export type UpdateListener = (
  room: Room,
  update: Uint8Array,
  origin: Connection,
  clocks: UpdateClocks,
) => void;

const fromStorage = Symbol("fromStorage");

/**
 * One live document: its Y.Doc, its awareness and the connections editing it. Incoming changes are
 * applied at once and broadcast once per event-loop tick, merged, so that a busy room costs one
 * encode and one send per connection per tick rather than per keystroke.
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  /** Stored bytes plus bytes applied since: an upper bound of the encoded document size. */
  approxSize = 0;
  /** Updates written to the log since the last snapshot. */
  uncompactedUpdates = 0;

  private pendingUpdates: Uint8Array[] = [];
  private pendingOrigins = new Set<Connection>();
  private pendingAwareness = new Set<number>();
  private broadcastScheduled = false;
  private applyingClocks: UpdateClocks | null = null;

  constructor(
    readonly name: string,
    private readonly maxDocumentBytes: number,
    private readonly onUpdate: UpdateListener,
  ) {
    // The server takes part in awareness only as a relay; it has no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on("update", this.handleDocUpdate);
    this.awareness.on("update", this.handleAwarenessUpdate);
  }

  /** Puts the stored state into the document before anyone can sync with it. */
  load(stored: StoredDocument | null): void {
    if (!stored) return;
    this.doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot, fromStorage);
      for (const update of stored.updates) Y.applyUpdate(this.doc, update, fromStorage);
    }, fromStorage);
    this.approxSize = (stored.snapshot?.byteLength ?? 0) + sum(stored.updates.map((u) => u.byteLength));
    this.uncompactedUpdates = stored.updates.length;
  }

  /** The first messages a new connection gets: our state vector (sync step 1) and who is here. */
  greet(connection: Connection): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    connection.send(encoding.toUint8Array(encoder));
    const present = [...this.awareness.getStates().keys()];
    if (present.length > 0) connection.send(this.encodeAwareness(present));
  }

  /** Answers a client's sync step 1 with everything it lacks. */
  answerSyncStep1(connection: Connection, stateVector: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep2(encoder, this.doc, stateVector);
    connection.send(encoding.toUint8Array(encoder));
  }

  /** Applies a client's update after checking it decodes and fits the size limit. */
  applyClientUpdate(connection: Connection, update: Uint8Array): void {
    if (this.approxSize + update.byteLength > this.maxDocumentBytes) {
      throw new ProtocolError("documentTooLarge", `document would exceed ${this.maxDocumentBytes} bytes`);
    }
    const clocks = inspectUpdate(update);
    this.applyingClocks = clocks;
    try {
      Y.applyUpdate(this.doc, update, connection);
    } catch (error) {
      throw new ProtocolError("malformedMessage", `update rejected: ${(error as Error).message}`);
    } finally {
      this.applyingClocks = null;
    }
  }

  /** Applies a client's awareness change (presence, caret). */
  applyClientAwareness(connection: Connection, update: Uint8Array): void {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection);
    } catch (error) {
      throw new ProtocolError("malformedMessage", `awareness rejected: ${(error as Error).message}`);
    }
  }

  sendAllAwareness(connection: Connection): void {
    const present = [...this.awareness.getStates().keys()];
    if (present.length > 0) connection.send(this.encodeAwareness(present));
  }

  add(connection: Connection): void {
    this.connections.add(connection);
  }

  /** Forgets a connection and withdraws the presence it announced. */
  remove(connection: Connection): void {
    this.connections.delete(connection);
    if (connection.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds], null);
    }
  }

  destroy(): void {
    this.doc.off("update", this.handleDocUpdate);
    this.awareness.off("update", this.handleAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private handleDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === fromStorage) return;
    this.approxSize += update.byteLength;
    this.pendingUpdates.push(update);
    const connection = origin as Connection;
    this.pendingOrigins.add(connection);
    this.scheduleBroadcast();
    this.onUpdate(this, update, connection, this.applyingClocks ?? new Map());
  };

  private handleAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const connection = origin as Connection | null;
    for (const id of [...added, ...updated]) {
      connection?.awarenessIds.add(id);
      this.pendingAwareness.add(id);
    }
    for (const id of removed) {
      connection?.awarenessIds.delete(id);
      this.pendingAwareness.add(id);
    }
    this.scheduleBroadcast();
  };

  private scheduleBroadcast(): void {
    if (this.broadcastScheduled) return;
    this.broadcastScheduled = true;
    setImmediate(this.broadcast);
  }

  private broadcast = (): void => {
    this.broadcastScheduled = false;
    if (this.doc.isDestroyed) return;
    if (this.pendingUpdates.length > 0) {
      const updates = this.pendingUpdates;
      const only = this.pendingOrigins.size === 1 ? [...this.pendingOrigins][0] : undefined;
      this.pendingUpdates = [];
      this.pendingOrigins.clear();
      const merged = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.writeUpdate(encoder, merged);
      const message = encoding.toUint8Array(encoder);
      // The author already has its own change; everyone else gets one merged message.
      for (const connection of this.connections) if (connection !== only) connection.send(message);
    }
    if (this.pendingAwareness.size > 0) {
      const message = this.encodeAwareness([...this.pendingAwareness]);
      this.pendingAwareness.clear();
      for (const connection of this.connections) connection.send(message);
    }
  };

  private encodeAwareness(clientIds: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds));
    return encoding.toUint8Array(encoder);
  }
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
