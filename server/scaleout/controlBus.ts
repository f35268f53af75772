import type { Logger } from "../log";
import type { RedisConnection } from "./redisConnection";

/** Closing sockets that may be open on any instance: a participant's (revoked, role changed) or a room's. */
export interface SocketClosing {
  closeParticipant(participantId: string, code: number, reason: string): void;
  closeRoom(roomName: string, code: number, reason: string): void;
}

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
  const subscribe = () => redis.subscriber.subscribe(channel);
  await redis.ready();
  await subscribe();
  // The subscriber connection comes back without its subscriptions (autoResubscribe is off).
  redis.onChange((up) => {
    if (up)
      subscribe().catch((error: Error) => log.error("control.subscribe_failed", { error: error.message }));
  });

  const publish = (message: Omit<ControlMessage, "instance">) => {
    redis.commands
      .publish(channel, JSON.stringify({ ...message, instance: instanceId }))
      .catch((error: Error) =>
        // Redis is down: every instance has closed its sockets and refuses new ones until it is back.
        log.warn("control.publish_failed", { target: message.target, error: error.message }),
      );
  };
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
