import { AsyncLocalStorage } from "node:async_hooks";
import type { DocumentInfo } from "../../shared/domain";
import { formatRoomName } from "../../shared/protocol/roomName";
import type { Room } from "../collab/Room";
import { ApiError } from "../http/api/ApiError";
import type { Logger } from "../log";
import type { RunRooms } from "./serverChange";

/**
 * One run command at a time per document. On a single server the in-process lock below is all it takes
 * (the command is checked and applied in one synchronous step). With several instances a Redis lock
 * (`runLockRedis.ts`) is taken as well, around the in-process one.
 */
export interface RunLock {
  /** Runs `fn` holding the document's lock; throws a 409 "conflict" when it cannot be had in time. */
  hold<T>(documentName: string, fn: () => Promise<T>): Promise<T>;
}

/** Thrown when the lock stayed taken past the wait: the client says "changed meanwhile, try again". */
export const lockTimeout = () => new ApiError(409, "conflict");

/** Commands of one document queued one after the other on this instance. */
export function localRunLock(): RunLock {
  const tails = new Map<string, Promise<void>>();
  return {
    async hold(documentName, fn) {
      const before = tails.get(documentName) ?? Promise.resolve();
      let done!: () => void;
      const mine = new Promise<void>((resolve) => {
        done = resolve;
      });
      const tail = before.then(() => mine);
      tails.set(documentName, tail);
      await before;
      try {
        return await fn();
      } finally {
        done();
        if (tails.get(documentName) === tail) tails.delete(documentName);
      }
    },
  };
}

/** Where the serialized commands catch up from and wait for (the room registry and document storage). */
export interface RunSerializerOptions {
  lock: RunLock;
  rooms: RunRooms;
  /** Scale-out: the stored document, to catch a room up with what other instances committed. */
  loadDocument?: (name: string) => Promise<import("../storage/DocumentStorage").StoredDocument | null>;
  /** Scale-out: resolves once every change stored so far is committed (registry.flushWrites). */
  whenDurable?: () => Promise<void>;
  log: Logger;
}

export interface RunSerializer {
  /** The rooms the run service uses: inside a held lock, each is caught up from storage when joined. */
  readonly rooms: RunRooms;
  /** Runs a command holding its document's lock, released once the command's changes are durable. */
  serialize<T>(documentName: string, fn: () => Promise<T>): Promise<T>;
}

/**
 * Serializes run commands per document and, before a command decides anything, brings the rooms it
 * joins up to date with what is already durable: another instance's reveal may be committed but not
 * yet heard over pub/sub. Re-entrant (reveal and close are called from `command`).
 */
export function createRunSerializer(options: RunSerializerOptions): RunSerializer {
  const { lock, log } = options;
  const held = new AsyncLocalStorage<ReadonlySet<string>>();

  async function catchUp(room: Room): Promise<void> {
    if (!options.loadDocument) return;
    const stored = await options.loadDocument(room.name);
    if (!stored || room.isDestroyed) return;
    const bytes = room.catchUpWith(stored);
    if (bytes > 0) log.info("run.caught_up", { room: room.name, bytes });
  }

  const rooms: RunRooms = {
    async join(name, connection) {
      const room = await options.rooms.join(name, connection);
      if (held.getStore()?.size) {
        try {
          await catchUp(room);
        } catch (error) {
          options.rooms.leave(room, connection);
          throw error;
        }
      }
      return room;
    },
    leave: (room, connection) => options.rooms.leave(room, connection),
  };

  return {
    rooms,
    serialize(documentName, fn) {
      const outer = held.getStore() ?? new Set<string>();
      if (outer.has(documentName)) return fn();
      return lock.hold(documentName, () =>
        held.run(new Set([...outer, documentName]), async () => {
          const result = await fn();
          // The next holder (maybe on another instance) catches up from storage: it must be there.
          await options.whenDurable?.();
          return result;
        }),
      );
    },
  };
}

/** The run service's methods that change a run: each one holds the document's lock. */
const CHANGING = ["command", "reveal", "close", "vote", "addAction", "updateAction"] as const;

/** The service with its changing methods serialized per document (keyed by the document's room name). */
export function serializeRunService<S extends object>(service: S, serializer: RunSerializer): S {
  const wrapped: Record<string, unknown> = { ...(service as Record<string, unknown>) };
  for (const name of CHANGING) {
    const method = (service as Record<string, unknown>)[name];
    if (typeof method !== "function") continue;
    wrapped[name] = (document: DocumentInfo, ...rest: unknown[]) =>
      serializer.serialize(formatRoomName({ exchangeId: document.exchangeId, documentId: document.id }), () =>
        method.apply(service, [document, ...rest]),
      );
  }
  return wrapped as S;
}
