import * as Y from "yjs";
import type { Connection } from "./Connection";
import { syncUpdateFrame } from "./wsFrames";

/**
 * Sends a room's stored changes to its connections: the first change of an event-loop turn at once,
 * the turn's later ones merged into one message at its end, so a busy room costs one frame per
 * receiver per turn rather than one per change.
 */
export class TurnRelay {
  /** Set once a change was relayed in this turn: later ones wait for its end (`endTurn`). */
  private turnOpen = false;
  /** Changes after the turn's first one, and their authors, relayed together at its end. */
  private turnUpdates: Uint8Array[] = [];
  private readonly turnAuthors = new Set<Connection>();
  /** A change from another instance is in this turn's batch: nobody here has it, its authors included. */
  private turnHasRemote = false;

  constructor(
    private readonly connections: ReadonlySet<Connection>,
    private readonly isClosed: () => boolean,
  ) {}

  /** Relays `update` to everyone but `author` (null: a change from another instance, for everyone). */
  relay(update: Uint8Array, author: Connection | null): void {
    if (this.turnOpen) {
      this.turnUpdates.push(update);
      if (author) this.turnAuthors.add(author);
      else this.turnHasRemote = true;
      return;
    }
    this.broadcast(update, author);
    this.turnOpen = true;
    setImmediate(this.endTurn);
  }

  private endTurn = (): void => {
    this.turnOpen = false;
    const updates = this.turnUpdates;
    if (updates.length === 0 || this.isClosed()) return;
    const authors = [...this.turnAuthors];
    const remote = this.turnHasRemote;
    this.turnUpdates = [];
    this.turnAuthors.clear();
    this.turnHasRemote = false;
    const merged = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
    // One author already has all of it; several each get the others' (and their own again, ignored).
    this.broadcast(merged, authors.length === 1 && !remote ? authors[0]! : null);
  };

  private broadcast(update: Uint8Array, except: Connection | null): void {
    const frame = syncUpdateFrame(update);
    for (const connection of this.connections) if (connection !== except) connection.sendFrame(frame);
  }
}
