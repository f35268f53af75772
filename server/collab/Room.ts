import * as Y from "yjs";
import { encodeAccessMessage } from "../../shared/protocol/accessMessage";
import { DEFLATE_SYNC_MIN_BYTES, encodeDeflatedSync } from "../../shared/protocol/deflatedSync";
import { SyncStep } from "../../shared/protocol/messageTypes";
import { syncMessage } from "../../shared/protocol/syncMessage";
import type { StoredDocument } from "../storage/DocumentStorage";
import { mergeStoredUpdates } from "../storage/mergeStoredUpdates";
import type { Connection } from "./Connection";
import { inspectUpdate, type UpdateClocks } from "./inspectUpdate";
import { ProtocolError } from "./ProtocolError";
import { RoomPresence } from "./roomPresence";
import { runRefusal } from "./runGuard";
import { breaksTemplateStructure } from "./sectionGuard";
import { createSyncDeflater } from "./syncDeflater";
import { TurnRelay } from "./turnRelay";
import { UpdateRefusals } from "./updateRefusals";
import { syncFrameHead } from "./wsFrames";

/** A change a client made, handed to storage before anyone else sees it. */
export interface ClientChange {
  room: Room;
  update: Uint8Array;
  origin: Connection;
  /** Stored clock per Yjs client id after this change (acknowledged to the author once stored). */
  clocks: UpdateClocks;
  /** Client ids first used by this change: bound to the author in the same transaction. */
  newClientIds: readonly number[];
  /** Stored author when not the origin's participant: null for the server's anonymous changes (a run's reveal). */
  author?: string | null;
}

/** Where a room's changes go. */
export interface RoomStorage {
  /** Takes a change to make durable, or throws: durable on return unless `whenDurable` says otherwise. */
  store(change: ClientChange): void;
  /**
   * Resolves once every change stored so far is durable (PostgreSQL: its group's commit); null (or
   * absent) when they already are (the local journal).
   */
  whenDurable?(): Promise<void> | null;
  /** The room holds a change it could not store: it must be dropped unsaved and loaded again. */
  broken(room: Room): void;
}

/** A state vector entry that covers every clock: used to cut a client's content out of an update. */
const EVERYTHING = 2 ** 31;
/** No client ids (shared: most changes bind none and forge none). */
const NONE: readonly number[] = Object.freeze([]);

/** The origin of changes another instance stored and published. */
const REMOTE_CHANGE = Symbol("remote change");

/**
 * One live document: its Y.Doc, awareness and connections. A client's change is applied (so it is
 * checked against the current state), handed to `storage.store`, durable once that returns,
 * and only then relayed: no client ever holds content the server could lose, which keeps attribution
 * and crash recovery honest. The doc has no `update` listener: the accepted bytes are what is stored
 * and relayed, so Yjs does not encode every change a second time.
 */
export class Room {
  private readonly ydoc = new Y.Doc({ gc: true });
  readonly connections = new Set<Connection>();
  /** Carets and who is here (roomPresence). */
  readonly presence = new RoomPresence(this.ydoc, this.connections, () => this.isDestroyed);
  /** Which participant each Yjs client id belongs to (first use binds it). */
  readonly bindings = new Map<number, string>();
  /** Stored bytes plus bytes applied since: an upper bound of the encoded document size. */
  approxSize = 0;
  /** Updates written to the log since the last snapshot. */
  uncompactedUpdates = 0;

  /** The whole document encoded, for clients that have nothing yet; dropped on every change. */
  private wholeState: Uint8Array | null = null;
  private readonly relayer = new TurnRelay(this.connections, () => this.isDestroyed);
  /** Set once a change could not be stored (or was half applied): the room serves nothing more. */
  private storeFailure: Error | null = null;
  private readonly refusals = new UpdateRefusals();
  private readonly deflate = createSyncDeflater();

  constructor(
    readonly name: string,
    private readonly maxDocumentBytes: number,
    private readonly storage: RoomStorage,
  ) {}

  /**
   * The stored state, not yet integrated into the Y.Doc. Integrating a large document takes long
   * (hundreds of ms for ~750 KB), so the first clients are answered from these bytes and the doc is
   * built when a change needs it.
   */
  private storedState: Uint8Array | null = null;
  /** The state vector of `storedState`, when storage kept it (decoding it from the bytes costs ~100 ms at 750 KB). */
  private storedStateVector: Uint8Array | null = null;

  /** The live document (built from the stored state on first use). */
  get doc(): Y.Doc {
    if (this.storedState) {
      const state = this.storedState;
      this.storedState = null;
      this.storedStateVector = null;
      Y.applyUpdate(this.ydoc, state);
    }
    return this.ydoc;
  }

  /** Takes the stored state; nobody can sync with the room before this. */
  load(stored: StoredDocument | null): void {
    if (!stored) return;
    const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
    if (parts.length === 1) {
      this.storedState = parts[0]!;
      this.storedStateVector = stored.updates.length === 0 ? stored.snapshotStateVector : null;
    } else {
      const merged = mergeStoredUpdates(parts);
      this.storedState = merged.update;
      this.storedStateVector = merged.stateVector;
    }
    for (const [clientId, participantId] of stored.bindings) this.bindings.set(clientId, participantId);
    this.approxSize = this.storedState.byteLength;
    this.uncompactedUpdates = stored.updates.length;
  }

  /** The first messages a new connection gets: its access (Mutual clients), our state vector (sync step 1), who is here. */
  greet(connection: Connection): void {
    if (connection.mutualMessages) connection.send(encodeAccessMessage(connection.access));
    const stateVector = this.storedState
      ? (this.storedStateVector ?? Y.encodeStateVectorFromUpdate(this.storedState))
      : Y.encodeStateVector(this.ydoc);
    connection.send(syncMessage(SyncStep.step1, stateVector));
    this.presence.sendAll(connection);
  }

  /**
   * Answers a client's sync step 1 with everything it lacks (all of it stored: see `applyClientUpdate`).
   * The answer, often the whole document, is written as it is rather than copied into a message and a
   * frame; a Mutual client is sent a large one deflated (see shared/protocol/deflatedSync).
   */
  answerSyncStep1(connection: Connection, stateVector: Uint8Array): void {
    this.refuseIfBroken();
    const missing = this.missingFrom(stateVector);
    const sendPlain = () =>
      connection.sendFrameParts(syncFrameHead(SyncStep.step2, missing.byteLength), missing);
    const send = () => {
      if (!connection.mutualMessages || missing.byteLength < DEFLATE_SYNC_MIN_BYTES) sendPlain();
      // Changes relayed meanwhile may reach the client first: Yjs holds them until what they follow arrives.
      else this.deflate(missing).then((deflated) => connection.send(encodeDeflatedSync(deflated)), sendPlain);
    };
    // The doc may hold changes whose commit is under way (PostgreSQL): the answer waits for it, and is
    // never sent if it fails (the room is then dropped and its clients reconnect).
    const durable = this.storage.whenDurable?.() ?? null;
    if (durable)
      durable.then(
        () => this.isDestroyed || send(),
        () => undefined,
      );
    else send();
  }

  /** Everything a peer with `stateVector` lacks, from the stored bytes while the doc is not built yet. */
  private missingFrom(stateVector: Uint8Array): Uint8Array {
    // Decoded first: a garbage state vector throws here, before any work is done.
    const empty = Y.decodeStateVector(stateVector).size === 0;
    if (this.storedState) return empty ? this.storedState : Y.diffUpdate(this.storedState, stateVector);
    if (!empty) return Y.encodeStateAsUpdate(this.ydoc, stateVector);
    // Everyone opening the document at once gets the same bytes, encoded once (until the next change).
    this.wholeState ??= Y.encodeStateAsUpdate(this.ydoc);
    return this.wholeState;
  }

  /**
   * Applies a client's update: refused for read-only connections; content under a Yjs client id that
   * belongs to another participant, and that the document does not already hold, is cut out (only its
   * author can hold content the server never stored, so anyone else sending it is forging it).
   */
  applyClientUpdate(connection: Connection, update: Uint8Array): void {
    this.refuseIfBroken();
    if (this.approxSize + update.byteLength > this.maxDocumentBytes) {
      throw new ProtocolError("documentTooLarge", `document would exceed ${this.maxDocumentBytes} bytes`);
    }
    const inspected = inspectUpdate(update);
    const { clocks, deletes } = inspected;
    const doc = this.doc;
    const participantId = connection.identity.participantId;
    // Clients with content the doc lacks: unbound ones are bound to this author, others' are forged.
    let fresh = 0;
    let newClientIds = NONE;
    let foreign = NONE;
    for (const [clientId, end] of clocks) {
      if (end <= Y.getState(doc.store, clientId)) continue;
      fresh++;
      const owner = this.bindings.get(clientId);
      if (owner === undefined) newClientIds = [...newClientIds, clientId];
      else if (owner !== participantId) foreign = [...foreign, clientId];
    }
    if (connection.access === "read") {
      // Never merged. A sync step 2 that brings nothing new is the normal reply to our step 1: stay quiet.
      if (fresh > 0) this.refusals.refuse(connection, "readOnly");
      return;
    }
    // A templated document's sections and template copy are the server's (sectionGuard): refused whole.
    if (breaksTemplateStructure(doc, inspected, deletes)) {
      this.refusals.refuse(connection, "protectedStructure");
      connection.warn("update.template_structure", {});
      return;
    }
    // A facilitated run's map is the server's; what it locked only facilitators change (runGuard).
    const run = runRefusal(doc, inspected, connection.mayEditLocked === true);
    if (run) {
      // A lock makes the connection read-only for that content: its client drops the refused change.
      this.refusals.refuse(connection, run === "locked" ? "readOnly" : "protectedStructure");
      connection.warn("update.run_guard", { refusal: run });
      return;
    }
    // Nothing new (a sync reply with what we hold): nothing to apply, store or relay.
    if (fresh === 0 && !deletes) return;
    let accepted = update;
    if (foreign.length > 0) {
      accepted = Y.diffUpdate(update, Y.encodeStateVector(new Map(foreign.map((id) => [id, EVERYTHING]))));
      for (const clientId of foreign) clocks.delete(clientId);
      this.refusals.refuse(connection, "foreignClient");
      connection.warn("update.foreign_client", { clientIds: foreign });
      if (foreign.length === fresh && !deletes) return;
    }
    this.accept({ room: this, update: accepted, origin: connection, clocks, newClientIds });
  }

  /**
   * A change the server makes (a facilitated run's): `mutate` runs in ONE transaction on the live doc
   * under `clientId` (one the room has never seen), and the update it made is stored and relayed as a
   * client's is. Synchronous, so a check made in `mutate` holds when the change lands. `bindTo`: the
   * participant it is attributed to, or null (stored with no author). False when nothing changed.
   */
  applyServerChange(
    origin: Connection,
    bindTo: string | null,
    clientId: number,
    mutate: (doc: Y.Doc) => void,
  ): boolean {
    this.refuseIfBroken();
    const doc = this.doc;
    const own = doc.clientID;
    let update: Uint8Array | null = null;
    const capture = (bytes: Uint8Array) => {
      update = bytes;
    };
    doc.clientID = clientId;
    doc.on("update", capture);
    try {
      doc.transact(() => mutate(doc), origin);
    } catch (error) {
      // Part of it may be in the doc and stored nowhere: all or nothing, so the room is dropped unsaved.
      if (update) this.break(error as Error);
      throw error;
    } finally {
      doc.off("update", capture);
      doc.clientID = own;
    }
    if (!update) return false;
    const { clocks } = inspectUpdate(update);
    const newClientIds = bindTo !== null && clocks.has(clientId) ? [clientId] : NONE;
    const author = bindTo === null ? { author: null } : {};
    this.storeAndRelay({ room: this, update, origin, clocks, newClientIds, ...author });
    return true;
  }

  /**
   * Integrates a checked change, stores it and relays it. Yjs tidies up after the change (merges
   * structs, collects deleted content) when `applyUpdate`'s transaction ends, before the relay: work left
   * for after the frames are written keeps a core busy just as the receivers wake to read them, which on
   * a machine with few cores delays them more than the same work done first (p99 4-22 % lower than
   * with the tidying after the relay, in three scratch A/B runs).
   */
  private accept(change: ClientChange): void {
    try {
      Y.applyUpdate(this.ydoc, change.update, change.origin);
    } catch (error) {
      // Yjs may have integrated part of it: the doc now holds something stored nowhere.
      this.break(error as Error);
      throw new ProtocolError("malformedMessage", `update rejected: ${(error as Error).message}`);
    }
    this.storeAndRelay(change);
  }

  /** Stores a change the doc already holds, then relays it once durable. */
  private storeAndRelay(change: ClientChange): void {
    const participantId = change.origin.identity.participantId;
    for (const clientId of change.newClientIds) this.bindings.set(clientId, participantId);
    try {
      this.storage.store(change);
    } catch (error) {
      // Stored nowhere: it must not reach anyone, nor outlive this room.
      this.break(error as Error);
      this.refuseIfBroken();
    }
    this.approxSize += change.update.byteLength;
    this.wholeState = null;
    // Relayed once durable: at once after the journal's write; after the commit on PostgreSQL (in the
    // order stored: a group's waiters run in the order they were added). Never if the commit failed.
    const durable = this.storage.whenDurable?.() ?? null;
    if (!durable) this.relayer.relay(change.update, change.origin);
    else
      durable.then(
        () => this.isDestroyed || this.storeFailure || this.relayer.relay(change.update, change.origin),
        () => undefined,
      );
  }

  /** Storage could not commit changes this room holds: it serves nothing more and is dropped unsaved. */
  failedToStore(error: Error): void {
    if (!this.storeFailure) this.break(error);
  }

  /**
   * Applies changes another instance stored and published (scale-out): relayed to this instance's
   * clients like their own, never stored or published again. Duplicates (Yjs updates are idempotent)
   * are applied but not relayed. Returns whether it brought anything new.
   */
  applyRemoteUpdate(update: Uint8Array, bindings: ReadonlyArray<[number, string]>): boolean {
    if (this.storeFailure || this.isDestroyed) return false;
    const { clocks, deletes } = inspectUpdate(update);
    const doc = this.doc;
    let fresh = deletes;
    for (const [clientId, end] of clocks) if (end > Y.getState(doc.store, clientId)) fresh = true;
    if (fresh) this.takeRemote(update, bindings);
    return fresh;
  }

  /** Integrates and relays a change that brings something new, stored elsewhere. */
  private takeRemote(update: Uint8Array, bindings: ReadonlyArray<[number, string]>): void {
    for (const [clientId, participantId] of bindings) this.bindings.set(clientId, participantId);
    Y.applyUpdate(this.doc, update, REMOTE_CHANGE);
    this.approxSize += update.byteLength;
    this.wholeState = null;
    this.relayer.relay(update, null);
  }

  /**
   * Takes in what storage holds that this room lacks (another instance stored it and its message did
   * not arrive, or has not yet), as another instance's change: relayed here, never stored or published
   * again. Returns the bytes taken in, 0 when nothing was missing.
   */
  catchUpWith(stored: StoredDocument): number {
    if (this.storeFailure || this.isDestroyed) return 0;
    const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
    const missing = this.missingOf(mergeStoredUpdates(parts).update);
    if (!missing) return 0;
    this.takeRemote(missing, [...stored.bindings]);
    return missing.byteLength;
  }

  /** What this room lacks of a document state (e.g. as stored), as an update; null when nothing. */
  missingOf(state: Uint8Array): Uint8Array | null {
    const missing = Y.diffUpdate(state, Y.encodeStateVector(this.doc));
    const { clocks, deletes } = inspectUpdate(missing);
    return clocks.size > 0 || deletes ? missing : null;
  }

  add(connection: Connection): void {
    this.connections.add(connection);
  }

  /** Forgets a connection and withdraws the presence it announced. */
  remove(connection: Connection): void {
    this.connections.delete(connection);
    this.presence.withdraw(connection);
  }

  /** True once the doc may hold something storage lacks (a change not stored, or half applied): never saved. */
  get isBroken(): boolean {
    return this.storeFailure !== null;
  }

  private break(error: Error): void {
    this.storeFailure = error;
    this.storage.broken(this);
  }

  /** A room whose change could not be stored serves nothing until it is unloaded and loaded again. */
  private refuseIfBroken(): void {
    if (this.storeFailure) {
      throw new ProtocolError(
        "roomUnavailable",
        `a change could not be stored: ${this.storeFailure.message}`,
      );
    }
  }

  /** True once destroyed (a room being unloaded). */
  get isDestroyed(): boolean {
    return this.ydoc.isDestroyed;
  }

  destroy(): void {
    this.storedState = null;
    this.storedStateVector = null;
    this.presence.destroy();
    this.ydoc.destroy();
  }
}
