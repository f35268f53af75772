import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import type * as Y from "yjs";
import { MessageType } from "../../shared/protocol/messageTypes";
import { filterAwareness } from "../scaleout/awarenessFilter";
import type { Connection } from "./Connection";
import { ProtocolError } from "./ProtocolError";
import { vouchAwareness } from "./vouchAwareness";
import { binaryFrame } from "./wsFrames";

/** The origin of presence that another instance's clients announced (scale-out: server/scaleout). */
class RemoteAwareness {
  constructor(readonly instance: string) {}
}

/**
 * A room's presence (carets, who is here): awareness under the identity the server vouches for, the
 * changes of one tick sent as one message to the room's connections, and, with scale-out, the presence
 * other instances' clients announced and what this instance's own clients announce to them.
 */
export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness;
  /** Scale-out: where this instance's clients' presence changes go (one message per tick). */
  onLocalAwareness: ((update: Uint8Array) => void) | null = null;
  private pending = new Set<number>();
  private scheduled = false;
  private readonly owners = new Map<number, Connection>();
  /** Presence client ids announced by other instances' clients, and which instance. */
  private readonly remoteOwners = new Map<number, string>();
  /** Presence changes of this instance's own clients in this tick, for the other instances. */
  private pendingLocal = new Set<number>();

  constructor(
    doc: Y.Doc,
    private readonly connections: ReadonlySet<Connection>,
    private readonly isDestroyed: () => boolean,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server takes part in awareness only as a relay; it has no presence of its own.
    this.awareness.setLocalState(null);
    this.awareness.on("update", this.handleUpdate);
  }

  /** Applies a client's awareness change (presence, caret) under the identity the server vouches for. */
  applyClient(connection: Connection, update: Uint8Array): void {
    const mayUse = (clientId: number) => {
      if (!this.remoteOwners.has(clientId)) {
        return (this.owners.get(clientId) ?? connection) === connection;
      }
      // Announced on another instance: only its participant may take it over (its client, keeping its
      // id, reconnected here, perhaps from an instance that died before withdrawing it).
      const user = this.awareness.getStates().get(clientId)?.user as { participantId?: unknown } | undefined;
      return user?.participantId === connection.identity.participantId;
    };
    const vouched = vouchAwareness(update, connection.identity, mayUse);
    if (!vouched) return;
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, vouched, connection);
    } catch (error) {
      throw new ProtocolError("malformedMessage", `awareness rejected: ${(error as Error).message}`);
    }
  }

  /** Presence announced by another instance's clients (scale-out). */
  applyRemote(update: Uint8Array, instance: string): void {
    if (this.isDestroyed()) return;
    // Ids a socket here holds are this instance's to announce (see filterAwareness).
    const others = filterAwareness(update, (clientId) => !this.owners.has(clientId));
    if (others) awarenessProtocol.applyAwarenessUpdate(this.awareness, others, new RemoteAwareness(instance));
  }

  /** Withdraws the presence of an instance's clients (the instance died). */
  dropRemote(instance: string): void {
    const ids = [...this.remoteOwners].filter(([, owner]) => owner === instance).map(([id]) => id);
    if (ids.length > 0 && !this.isDestroyed()) {
      awarenessProtocol.removeAwarenessStates(this.awareness, ids, new RemoteAwareness(instance));
    }
  }

  /** The presence of this instance's own clients, for an instance that just joined the room; null if none. */
  local(): Uint8Array | null {
    const ids = [...this.owners.keys()].filter((id) => this.awareness.getStates().has(id));
    return ids.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null;
  }

  sendAll(connection: Connection): void {
    const present = [...this.awareness.getStates().keys()];
    if (present.length > 0) connection.send(this.encode(present));
  }

  /** Withdraws the presence a connection announced (it left). */
  withdraw(connection: Connection): void {
    if (connection.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds], null);
    }
  }

  destroy(): void {
    this.awareness.off("update", this.handleUpdate);
    this.awareness.destroy();
  }

  private handleUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const remote = origin instanceof RemoteAwareness ? origin.instance : null;
    const connection = remote === null ? (origin as Connection | null) : null;
    for (const id of [...added, ...updated]) {
      if (remote !== null) this.remoteOwners.set(id, remote);
      else if (connection) {
        this.remoteOwners.delete(id);
        connection.awarenessIds.add(id);
        this.owners.set(id, connection);
      }
      if (remote === null && !this.remoteOwners.has(id)) this.pendingLocal.add(id);
      this.pending.add(id);
    }
    for (const id of removed) {
      // Another instance's client: its own instance tells the others (or they see the instance die).
      if (!this.remoteOwners.delete(id)) this.pendingLocal.add(id);
      this.owners.get(id)?.awarenessIds.delete(id);
      this.owners.delete(id);
      this.pending.add(id);
    }
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.broadcast);
    }
  };

  /** Presence changes of one tick go out as one message. */
  private broadcast = (): void => {
    this.scheduled = false;
    if (this.isDestroyed() || this.pending.size === 0) return;
    const frame = binaryFrame(this.encode([...this.pending]));
    this.pending.clear();
    for (const connection of this.connections) connection.sendFrame(frame);
    if (this.pendingLocal.size === 0) return;
    const local = [...this.pendingLocal];
    this.pendingLocal.clear();
    this.onLocalAwareness?.(awarenessProtocol.encodeAwarenessUpdate(this.awareness, local));
  };

  private encode(clientIds: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds));
    return encoding.toUint8Array(encoder);
  }
}
