import { CloseCode } from "../../shared/protocol/closeCodes";
import type { Logger } from "../log";
import { type CrossInstanceRooms, type DocumentLeases, localLeases } from "../scaleout/crossInstance";
import type { DocumentStorage } from "../storage/DocumentStorage";
import type { Durability } from "../storage/durability/durability";
import type { Connection } from "./Connection";
import { type ClientChange, Room, type RoomStorage } from "./Room";
import { createSavedAcks } from "./savedAcks";
import { createUpdateWriter } from "./updateWriter";

export interface RoomRegistryOptions {
  storage: DocumentStorage;
  /** Where each change is made durable before it is relayed: the local journal, or a group commit. */
  durability: Durability;
  log: Logger;
  maxDocumentBytes: number;
  flushIntervalMs: number;
  flushMaxBatch: number;
  roomIdleMs: number;
  compactAfterUpdates: number;
  /** Time between two compactions of rooms that are due together (default `COMPACTION_SPACING_MS`). */
  compactionSpacingMs?: number;
  /** Scale-out: the same rooms on other instances (absent on a single server). */
  crossInstance?: CrossInstanceRooms;
  /** Which instance compacts each document (a single server: always this one). */
  leases?: DocumentLeases;
  /** Told of each stored change and of each room its last connection left (version history). */
  history?: { noteChange(room: string): void; noteEmpty(room: string): void };
}

/** Rooms due for compaction together are compacted this far apart (20 rooms: 2 s). */
const COMPACTION_SPACING_MS = 100;

export interface RoomRegistry {
  /** Joins a connection to a room, loading the room from storage first if it is not in memory. */
  join(name: string, connection: Connection): Promise<Room>;
  /** Takes a connection out of its room; an empty room is unloaded after the idle delay. */
  leave(room: Room, connection: Connection): void;
  /** Rooms in memory now. */
  readonly size: number;
  /** Writes every pending update and compacts every loaded room (shutdown). */
  flushAll(): Promise<void>;
  /** Resolves once every change stored so far is in the database (history reads it there). */
  flushWrites(): Promise<void>;
}

/** What a scale-out deployment (server/scaleout) does with the rooms. */
export interface RoomsAcrossInstances {
  /** Scale-out, Redis lost: every socket is closed with `code` (clients retry) and every room unloaded. */
  dropAll(code: number, reason: string): void;
  /** Scale-out, a peer died: its clients' presence is withdrawn; rooms take from storage what it stored but never published. */
  peerDied(instance: string): Promise<void>;
}

/**
 * Owns the loaded rooms: loads each once (concurrent joins share the load), stores their changes,
 * acknowledges what was stored, compacts logs that grew long and unloads idle rooms.
 */
export function createRoomRegistry(options: RoomRegistryOptions): RoomRegistry & RoomsAcrossInstances {
  const { storage, log, crossInstance } = options;
  const leases = options.leases ?? localLeases;
  /** Rooms loaded and not yet retired. */
  const loaded = new Set<Room>();
  const rooms = new Map<string, Promise<Room>>();
  const unloading = new Map<string, Promise<void>>();
  const idleTimers = new Map<Room, NodeJS.Timeout>();
  /** Rooms being unloaded or unloaded: never scheduled again. */
  const retired = new WeakSet<Room>();
  /**
   * Rooms whose log grew long, compacted one at a time, `compactionSpacingMs` apart: rooms that cross
   * the threshold together (a workshop's breakout rooms typing at once) would otherwise hold the
   * storage worker, and the batches queued behind their snapshots, for a burst.
   */
  const dueForCompaction = new Set<Room>();
  let compacting = false;

  // "Saved" shows a quarter second after the author pauses, and at least every 2 s while they type.
  const acks = createSavedAcks({ quietMs: 250, maxWaitMs: 2000 });
  const writer = createUpdateWriter({
    storage,
    durability: options.durability,
    intervalMs: options.flushIntervalMs,
    maxBatch: options.flushMaxBatch,
    log,
    onDurable: (changes) => onDurable(changes),
    // A group commit failed: its rooms hold what is stored nowhere (nothing of it was relayed or acknowledged).
    onFailed: (changes, error) => {
      for (const room of new Set(changes.map((change) => change.room))) room.failedToStore(error);
    },
    onWritten: (changesPerRoom) => {
      for (const [room, written] of changesPerRoom) {
        countUpdates(room, written);
      }
    },
  });

  function countUpdates(room: Room, written: number): void {
    room.uncompactedUpdates += written;
    if (room.uncompactedUpdates >= options.compactAfterUpdates && !retired.has(room)) {
      dueForCompaction.add(room);
      if (!compacting) compactNextSoon();
    }
  }

  /** Where rooms store their changes; once durable (`onDurable`) they are published and acknowledged. */
  const roomStorage: RoomStorage = {
    store(change) {
      try {
        writer.store(change);
      } catch (error) {
        log.error("storage.journal_failed", { room: change.room.name, error: (error as Error).message });
        throw error;
      }
    },
    whenDurable: () => writer.whenDurable(),
    broken: (room) => setImmediate(() => evict(room)),
  };

  /** Changes now durable, in the order they were stored (the room relays them itself): published, acknowledged. */
  function onDurable(changes: readonly ClientChange[]): void {
    for (const change of changes) {
      // The other instances may relay it too (store before relay holds across instances).
      if (crossInstance) {
        const author = change.origin.identity.participantId;
        const bindings = change.newClientIds.map((id): [number, string] => [id, author]);
        crossInstance.publishUpdate(change.room.name, change.update, bindings);
      }
      // Only a Mutual client reads `saved`.
      if (change.origin.mutualMessages) acks.add(change.origin, change.clocks);
      options.history?.noteChange(change.room.name);
    }
  }

  /**
   * A room holding a change that could not be stored: everyone is disconnected (they reconnect and
   * send what the server lacks) and the room is dropped unsaved, to load again from storage.
   */
  function evict(room: Room): void {
    for (const connection of room.connections) {
      connection.close(CloseCode.roomUnavailable, "a change could not be stored; reconnecting");
    }
    void unload(room);
  }

  /**
   * Storage builds the snapshot from what it holds, off the event loop (`DocumentStorage.compact`).
   * In a scale-out deployment only the holder of the document's lease compacts it; the others hear of
   * it on the room's channel.
   */
  async function compact(room: Room): Promise<void> {
    try {
      const outcome = await leases.withDocumentLease(room.name, () => storage.compact(room.name));
      if (!outcome.ran) return;
      const result = outcome.value;
      if (!result) return;
      crossInstance?.publishCompacted(room.name, result.updates, result.bytes);
      room.uncompactedUpdates = Math.max(0, room.uncompactedUpdates - result.updates);
      // Short of the changes still on their way to storage: a batch at most.
      room.approxSize = result.bytes;
      log.info("room.compacted", { room: room.name, updates: result.updates, bytes: result.bytes });
    } catch (error) {
      log.error("room.compact_failed", { room: room.name, error: (error as Error).message });
    }
  }

  function compactNextSoon(): void {
    compacting = true;
    setTimeout(async () => {
      const [room] = dueForCompaction;
      if (!room) {
        compacting = false;
        return;
      }
      dueForCompaction.delete(room);
      // Unloading or a shutdown may have compacted it meanwhile.
      if (!retired.has(room) && room.uncompactedUpdates >= options.compactAfterUpdates) await compact(room);
      compactNextSoon();
    }, options.compactionSpacingMs ?? COMPACTION_SPACING_MS).unref();
  }

  async function load(name: string): Promise<Room> {
    await unloading.get(name);
    const room = new Room(name, options.maxDocumentBytes, roomStorage);
    try {
      // Subscribed first, then loaded: a change stored after the load is on the channel, one stored
      // before is in the load; one in both is applied once (Yjs updates are idempotent).
      const early = crossInstance ? await subscribe(room) : null;
      room.load(await storage.loadDocument(name));
      early?.();
    } catch (error) {
      crossInstance?.unsubscribe(name);
      room.destroy();
      throw error;
    }
    loaded.add(room);
    log.info("room.loaded", { room: name, bytes: room.approxSize, updates: room.uncompactedUpdates });
    return room;
  }

  /**
   * Joins the room's channel on other instances. What arrives before the room is loaded waits; the
   * returned function hands it over once the room is loaded, and asks the peers who is present.
   */
  async function subscribe(room: Room): Promise<() => void> {
    const channel = crossInstance!;
    let waiting: Array<() => void> | null = [];
    const whenLoaded = (apply: () => void) => (waiting ? waiting.push(apply) : apply());
    room.presence.onLocalAwareness = (update) => channel.publishAwareness(room.name, update);
    await channel.subscribe(room.name, {
      update: (update, bindings, changes) =>
        whenLoaded(() => {
          if (retired.has(room)) return;
          room.applyRemoteUpdate(update, bindings);
          countUpdates(room, changes);
          options.history?.noteChange(room.name);
        }),
      awareness: (update, instance) => whenLoaded(() => room.presence.applyRemote(update, instance)),
      awarenessQuery: () =>
        whenLoaded(() => {
          const present = room.presence.local();
          if (present) channel.publishAwareness(room.name, present);
        }),
      compacted: (updates, bytes) =>
        whenLoaded(() => {
          room.uncompactedUpdates = Math.max(0, room.uncompactedUpdates - updates);
          room.approxSize = bytes;
        }),
    });
    return () => {
      const held = waiting ?? [];
      waiting = null;
      for (const apply of held) apply();
      channel.queryAwareness(room.name);
    };
  }

  async function unload(room: Room): Promise<void> {
    if (retired.has(room)) return;
    retired.add(room);
    loaded.delete(room);
    const timer = idleTimers.get(room);
    if (timer) clearTimeout(timer);
    idleTimers.delete(room);
    rooms.delete(room.name);
    const done = (async () => {
      await writer.flush();
      if (room.uncompactedUpdates > 0 && !room.isBroken) await compact(room);
      room.destroy();
      crossInstance?.unsubscribe(room.name);
      await leases.release(room.name);
      log.info("room.unloaded", { room: room.name });
    })();
    unloading.set(room.name, done);
    await done.finally(() => unloading.delete(room.name));
  }

  return {
    async join(name, connection) {
      let loading = rooms.get(name);
      if (!loading) {
        loading = load(name);
        rooms.set(name, loading);
        loading.catch(() => rooms.delete(name));
      }
      const room = await loading;
      const timer = idleTimers.get(room);
      if (timer) clearTimeout(timer);
      idleTimers.delete(room);
      room.add(connection);
      return room;
    },
    leave(room, connection) {
      room.remove(connection);
      if (room.connections.size === 0) options.history?.noteEmpty(room.name);
      if (room.connections.size > 0 || idleTimers.has(room) || retired.has(room)) return;
      const timer = setTimeout(() => void unload(room), options.roomIdleMs);
      timer.unref();
      idleTimers.set(room, timer);
    },
    get size() {
      return rooms.size;
    },
    flushWrites: () => writer.flush(),
    async flushAll() {
      for (const timer of idleTimers.values()) clearTimeout(timer);
      idleTimers.clear();
      await writer.close();
      acks.flush();
      const loaded = await Promise.allSettled(rooms.values());
      for (const result of loaded) {
        const room = result.status === "fulfilled" ? result.value : null;
        if (room && !retired.has(room) && room.uncompactedUpdates > 0) await compact(room);
      }
      await Promise.allSettled(unloading.values());
      await leases.releaseAll();
    },
    dropAll(code, reason) {
      for (const room of [...loaded]) {
        for (const connection of room.connections) connection.close(code, reason);
        void unload(room);
      }
    },
    async peerDied(instance) {
      for (const room of loaded) room.presence.dropRemote(instance);
      // It may have stored changes and died before publishing them: the database has them.
      for (const room of [...loaded]) {
        try {
          const stored = await storage.loadDocument(room.name);
          if (!stored || retired.has(room)) continue;
          const bytes = room.catchUpWith(stored);
          if (bytes > 0) log.info("room.caught_up", { room: room.name, instance, bytes });
        } catch (error) {
          log.error("room.catch_up_failed", { room: room.name, error: (error as Error).message });
        }
      }
    },
  };
}
