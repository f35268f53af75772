import type { Logger } from "../log";
import type { DocumentStorage } from "../storage/DocumentStorage";
import type { Connection } from "./Connection";
import type { UpdateClocks } from "./inspectUpdate";
import { type ClientChange, Room } from "./Room";
import { createSavedAcks } from "./savedAcks";
import { createUpdateWriter } from "./updateWriter";

export interface RoomRegistryOptions {
  storage: DocumentStorage;
  log: Logger;
  maxDocumentBytes: number;
  flushIntervalMs: number;
  roomIdleMs: number;
  compactAfterUpdates: number;
  /** How long `saved` acknowledgements are gathered before they are sent (one message per connection). */
  ackDelayMs?: number;
}

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
 * Owns the loaded rooms: loads each once (concurrent joins share the load), writes their updates in
 * batches, acknowledges what was stored, compacts logs that grew long and unloads idle rooms.
 */
export function createRoomRegistry(options: RoomRegistryOptions): RoomRegistry {
  const { storage, log } = options;
  const rooms = new Map<string, Promise<Room>>();
  const unloading = new Map<string, Promise<void>>();
  const idleTimers = new Map<Room, NodeJS.Timeout>();

  const acks = createSavedAcks(options.ackDelayMs ?? 50);
  const writer = createUpdateWriter({
    storage,
    intervalMs: options.flushIntervalMs,
    log,
    onCommitted: (changes) => {
      for (const [room, roomChanges] of groupBy(changes, (change) => change.room))
        committed(room, roomChanges);
    },
  });

  /** Relays what was stored, tells each author how far it is stored, and compacts long logs. */
  function committed(room: Room, changes: ClientChange[]): void {
    room.committed(changes);
    for (const [connection, authored] of groupBy(changes, (change) => change.origin)) {
      if (room.connections.has(connection)) acks.add(connection, maxClocks(authored));
    }
    room.uncompactedUpdates += changes.length;
    if (room.uncompactedUpdates >= options.compactAfterUpdates && !room.isDestroyed) void compact(room);
  }

  async function compact(room: Room): Promise<void> {
    // Encoded after every stored update was applied, so the snapshot holds all the log holds.
    const snapshot = room.encodeState();
    const before = room.uncompactedUpdates;
    try {
      await storage.compact(room.name, snapshot.update, snapshot.stateVector);
      room.uncompactedUpdates = Math.max(0, room.uncompactedUpdates - before);
      room.approxSize = snapshot.update.byteLength;
      log.info("room.compacted", { room: room.name, updates: before, bytes: snapshot.update.byteLength });
    } catch (error) {
      log.error("room.compact_failed", { room: room.name, error: (error as Error).message });
    }
  }

  async function load(name: string): Promise<Room> {
    await unloading.get(name);
    const room = new Room(name, options.maxDocumentBytes, writer.enqueue, log);
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
      if (room.connections.size > 0 || idleTimers.has(room) || room.isDestroyed) return;
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
        if (result.status === "fulfilled" && result.value.uncompactedUpdates > 0) await compact(result.value);
      }
      await Promise.allSettled(unloading.values());
    },
  };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function maxClocks(changes: readonly ClientChange[]): UpdateClocks {
  const clocks: UpdateClocks = new Map();
  for (const change of changes) {
    for (const [clientId, clock] of change.clocks)
      if (clock > (clocks.get(clientId) ?? 0)) clocks.set(clientId, clock);
  }
  return clocks;
}
