import type { Logger } from "../log";
import type { RedisConnection } from "./redisConnection";

/** Closing sockets that may be open on any instance: a participant's (revoked, role changed) or a room's. */
export interface SocketClosing {
  closeParticipant(participantId: string, code: number, reason: string): void;
  closeRoom(roomName: string, code: number, reason: string): void;
}

/** How long an order that could not be published is kept for when Redis comes back. */
const UNSENT_KEPT_MS = 10 * 60_000;

interface ControlMessage {
  instance: string;
  target: "participant" | "room";
  id: string;
  code: number;
  reason: string;
}

/**
 * Revocations reach every instance at once: the instance that made the change closes its own sockets
 * and publishes the same order on the deployment's control channel, where every other instance closes
 * its matching sockets. Returns the closing that the HTTP API calls in place of the local one.
 */
export async function startControlBus(options: {
  redis: RedisConnection;
  instanceId: string;
  local: SocketClosing;
  log: Logger;
}): Promise<SocketClosing> {
  const { redis, instanceId, local, log } = options;
  const channel = `${redis.prefix}control`;
  redis.subscriber.on("message", (from: string, text: string) => {
    if (from !== channel) return;
    let message: ControlMessage;
    try {
      message = JSON.parse(text) as ControlMessage;
    } catch {
      return log.error("control.bad_message", { text: text.slice(0, 200) });
    }
    if (message.instance === instanceId) return;
    if (message.target === "participant") local.closeParticipant(message.id, message.code, message.reason);
    else local.closeRoom(message.id, message.code, message.reason);
  });
  /**
   * Orders this instance could not publish (it had lost Redis while its peers may not have): sent once
   * it is back, if still recent: other instances then close a removed participant's sockets late rather
   * than never.
   */
  let unsent: Array<{ text: string; at: number }> = [];
  const send = (text: string, at: number) =>
    redis.commands.publish(channel, text).catch((error: Error) => {
      unsent.push({ text, at });
      log.warn("control.publish_failed", { error: error.message, queued: unsent.length });
    });
  const subscribe = () => redis.subscriber.subscribe(channel);
  await redis.ready();
  await subscribe();
  // The subscriber connection comes back without its subscriptions (autoResubscribe is off).
  redis.onChange((up) => {
    if (!up) return;
    subscribe().catch((error: Error) => log.error("control.subscribe_failed", { error: error.message }));
    const recent = unsent.filter(({ at }) => Date.now() - at < UNSENT_KEPT_MS);
    unsent = [];
    for (const { text, at } of recent) void send(text, at);
  });

  const publish = (message: Omit<ControlMessage, "instance">) =>
    void send(JSON.stringify({ ...message, instance: instanceId }), Date.now());
  return {
    closeParticipant(participantId, code, reason) {
      local.closeParticipant(participantId, code, reason);
      publish({ target: "participant", id: participantId, code, reason });
    },
    closeRoom(roomName, code, reason) {
      local.closeRoom(roomName, code, reason);
      publish({ target: "room", id: roomName, code, reason });
    },
  };
}
