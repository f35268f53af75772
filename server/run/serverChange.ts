import { randomInt } from "node:crypto";
import type * as Y from "yjs";
import type { Connection } from "../collab/Connection";
import type { Room } from "../collab/Room";

/** What the run needs of the live rooms (server/collab/roomRegistry). */
export interface RunRooms {
  join(name: string, connection: Connection): Promise<Room>;
  leave(room: Room, connection: Connection): void;
}

/** A connection that is the server acting (for a participant, or for nobody): it receives nothing. */
export function serverConnection(identity: Connection["identity"]): Connection {
  return {
    id: `run-${randomInt(1, 2 ** 31)}`,
    identity,
    access: "write",
    mayEditLocked: true,
    mutualMessages: false,
    send() {},
    sendFrame() {},
    sendFrameParts() {},
    close() {},
    warn() {},
    awarenessIds: new Set(),
  };
}

/** The server's own identity on changes it makes for nobody in particular (stored with no author). */
export const NOBODY: Connection["identity"] = {
  participantId: "server",
  name: "",
  color: "",
  delegation: null,
};

/** Holds the rooms named for the duration of `work` (loading them if needed), then lets them go. */
export async function withRooms<T>(
  rooms: RunRooms,
  names: readonly string[],
  identity: Connection["identity"],
  work: (loaded: Room[]) => T | Promise<T>,
): Promise<T> {
  const connection = serverConnection(identity);
  const joined = await Promise.allSettled(names.map((name) => rooms.join(name, connection)));
  const loaded = joined.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  try {
    const failed = joined.find((r) => r.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;
    return await work(loaded);
  } finally {
    for (const room of loaded) rooms.leave(room, connection);
  }
}

/**
 * Makes a change to a room's document as the server: `mutate` runs in ONE Yjs transaction on the live
 * document under a fresh client id, stored and relayed through the same store-before-relay path as a
 * client's change (Room.applyServerChange): one journal record, so a crash gives all of it or none of it.
 * Synchronous from reading the room to applying: nothing else runs in between, so a check made in
 * `mutate` (e.g. "not revealed yet") holds when the change lands.
 * `bindTo`: the participant the change is attributed to, or null (stored with no author).
 */
export function changeRoom(
  room: Room,
  identity: Connection["identity"],
  bindTo: string | null,
  mutate: (doc: Y.Doc) => void,
): boolean {
  return room.applyServerChange(serverConnection(identity), bindTo, freshClientId(room), mutate);
}

/** A client id that the room's document has never seen and that is bound to no one. */
function freshClientId(room: Room): number {
  for (;;) {
    const id = randomInt(1, 2 ** 31);
    if (!room.doc.store.clients.has(id) && !room.bindings.has(id)) return id;
  }
}
