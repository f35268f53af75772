import { CloseCode } from "../../shared/protocol/closeCodes";
import type { Logger } from "../log";
import type { DocumentStorage } from "../storage/DocumentStorage";
import type { UpdateJournal } from "../storage/journal/updateJournal";
import type { Connection } from "./Connection";
import { Room, type RoomStorage } from "./Room";
import { createSavedAcks } from "./savedAcks";
import { createUpdateWriter } from "./updateWriter";

export interface RoomRegistryOptions {
  storage: DocumentStorage;
  /** Where each change is made durable before it is relayed (the database gets it in batches). */
  journal: UpdateJournal;
  log: Logger;
  maxDocumentBytes: number;
  flushIntervalMs: number;
  flushMaxBatch: number;
  roomIdleMs: number;
  compactAfterUpdates: number;
  /** Time between two compactions of rooms that are due together (default `COMPACTION_SPACING_MS`). */
  compactionSpacingMs?: number;
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
}

/**
 * Owns the loaded rooms: loads each once (concurrent joins share the load), stores their changes,
 * acknowledges what was stored, compacts logs that grew long and unloads idle rooms.
 */
export function createRoomRegistry(options: RoomRegistryOptions): RoomRegistry {
  const { storage, log } = options;
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
    journal: options.journal,
    intervalMs: options.flushIntervalMs,
    maxBatch: options.flushMaxBatch,
    log,
    onWritten: (changesPerRoom) => {
      for (const [room, written] of changesPerRoom) {
        room.uncompactedUpdates += written;
        if (room.uncompactedUpdates >= options.compactAfterUpdates && !retired.has(room)) {
          dueForCompaction.add(room);
          if (!compacting) compactNextSoon();
        }
      }
    },
  });

  /** Where rooms store their changes: durable on return, then the author hears it is saved. */
  const roomStorage: RoomStorage = {
    store(change) {
      try {
        writer.store(change);
      } catch (error) {
        log.error("storage.journal_failed", { room: change.room.name, error: (error as Error).message });
        throw error;
      }
      // Only a Mutual client reads `saved`.
      if (change.origin.mutualMessages) acks.add(change.origin, change.clocks);
    },
    broken: (room) => setImmediate(() => evict(room)),
  };

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

  /** Storage builds the snapshot from what it holds, off the event loop (`DocumentStorage.compact`). */
  async function compact(room: Room): Promise<void> {
    try {
      const result = await storage.compact(room.name);
      if (!result) return;
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
      room.load(await storage.loadDocument(name));
    } catch (error) {
      room.destroy();
      throw error;
    }
    log.info("room.loaded", { room: name, bytes: room.approxSize, updates: room.uncompactedUpdates });
    return room;
  }

  async function unload(room: Room): Promise<void> {
    if (retired.has(room)) return;
    retired.add(room);
    const timer = idleTimers.get(room);
    if (timer) clearTimeout(timer);
    idleTimers.delete(room);
    rooms.delete(room.name);
    const done = (async () => {
      await writer.flush();
      if (room.uncompactedUpdates > 0) await compact(room);
      room.destroy();
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
      if (room.connections.size > 0 || idleTimers.has(room) || retired.has(room)) return;
      const timer = setTimeout(() => void unload(room), options.roomIdleMs);
      timer.unref();
      idleTimers.set(room, timer);
    },
    get size() {
      return rooms.size;
    },
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
    },
  };
}
