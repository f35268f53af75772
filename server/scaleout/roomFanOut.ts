import * as Y from "yjs";
import type { Logger } from "../log";
import type { CrossInstanceRooms, RemoteRoomHandlers } from "./crossInstance";
import { decodeFanOut, encodeFanOut, FanOutKind, type FanOutMessage } from "./fanOutMessages";
import type { RedisConnection } from "./redisConnection";

/** Changes of one room waiting for the end of the tick. */
interface PendingUpdates {
  updates: Uint8Array[];
  bindings: Array<[number, string]>;
}

/**
 * Fan-out of rooms between instances over Redis pub/sub, one channel per room. An instance subscribes
 * to a room while it has it loaded (subscribed before it loads the document from the database, so no
 * change stored after the load is missed). Stored changes of one room in one tick go out as one merged
 * message, as the single server relays them to its own sockets; a receiver ignores its own messages.
 * A failed publish reports `onLost`: the instance then stops serving until Redis is back.
 */
export function createRoomFanOut(options: {
  redis: RedisConnection;
  instanceId: string;
  log: Logger;
  onLost: (reason: string) => void;
  /** Every message from another instance (liveness: its sender is alive). */
  onPeer?: (instance: string) => void;
}): CrossInstanceRooms & { readonly subscribed: number; reset(): void } {
  const { redis, instanceId, log, onLost } = options;
  const channelPrefix = `${redis.prefix}room:`;
  const handlers = new Map<string, RemoteRoomHandlers>();
  const pending = new Map<string, PendingUpdates>();
  let flushScheduled = false;

  const channelOf = (roomName: string) => `${channelPrefix}${roomName}`;

  const publish = (roomName: string, message: FanOutMessage) => {
    if (!redis.up) return onLost("publish while Redis is down");
    redis.commands
      .publish(channelOf(roomName), Buffer.from(encodeFanOut(message)))
      .catch((error: Error) => onLost(`publish failed: ${error.message}`));
  };

  const flush = () => {
    flushScheduled = false;
    for (const [roomName, { updates, bindings }] of pending) {
      const update = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
      publish(roomName, {
        kind: FanOutKind.update,
        instance: instanceId,
        update,
        changes: updates.length,
        bindings,
      });
    }
    pending.clear();
  };

  redis.subscriber.on("messageBuffer", (channel: Buffer, data: Buffer) => {
    const name = channel.toString("utf8");
    if (!name.startsWith(channelPrefix)) return;
    const room = handlers.get(name.slice(channelPrefix.length));
    if (!room) return;
    let message: FanOutMessage;
    try {
      message = decodeFanOut(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch (error) {
      log.error("fanout.bad_message", { channel: name, error: (error as Error).message });
      return;
    }
    if (message.instance === instanceId) return;
    options.onPeer?.(message.instance);
    try {
      switch (message.kind) {
        case FanOutKind.update:
          return room.update(message.update, message.bindings, message.changes);
        case FanOutKind.awareness:
          return room.awareness(message.update, message.instance);
        case FanOutKind.awarenessQuery:
          return room.awarenessQuery();
        case FanOutKind.compacted:
          return room.compacted(message.updates, message.bytes);
      }
    } catch (error) {
      log.error("fanout.apply_failed", { channel: name, error: (error as Error).message });
    }
  });

  return {
    instanceId,
    get subscribed() {
      return handlers.size;
    },
    async subscribe(roomName, room) {
      handlers.set(roomName, room);
      try {
        await redis.subscriber.subscribe(channelOf(roomName));
      } catch (error) {
        handlers.delete(roomName);
        throw error;
      }
    },
    unsubscribe(roomName) {
      handlers.delete(roomName);
      pending.delete(roomName);
      if (redis.up) redis.subscriber.unsubscribe(channelOf(roomName)).catch(() => {});
    },
    publishUpdate(roomName, update, bindings) {
      let room = pending.get(roomName);
      if (!room) {
        room = { updates: [], bindings: [] };
        pending.set(roomName, room);
      }
      room.updates.push(update);
      for (const binding of bindings) room.bindings.push(binding);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
    },
    publishAwareness(roomName, update) {
      publish(roomName, { kind: FanOutKind.awareness, instance: instanceId, update });
    },
    queryAwareness(roomName) {
      publish(roomName, { kind: FanOutKind.awarenessQuery, instance: instanceId });
    },
    publishCompacted(roomName, updates, bytes) {
      publish(roomName, { kind: FanOutKind.compacted, instance: instanceId, updates, bytes });
    },
    /** Redis was lost: the subscriptions went with the connection, and the rooms are being dropped. */
    reset() {
      handlers.clear();
      pending.clear();
    },
  };
}
