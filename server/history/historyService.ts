import { randomInt } from "node:crypto";
import * as Y from "yjs";
import type {
  AgendaHistorySession,
  HistoryAuthor,
  ReplayFrame,
  RunEventType,
} from "../../shared/api/history";
import type { Connection } from "../collab/Connection";
import type { Room } from "../collab/Room";
import type { Logger } from "../log";
import { type DocumentLeases, localLeases } from "../scaleout/crossInstance";
import type { DocumentStorage, StoredVersion, VersionKind } from "../storage/DocumentStorage";
import { type ChangeGroup, collectChanges, encodeChanges } from "./changeRanges";
import { HistoryDocs } from "./historyDocs";
import { restoreUpdate } from "./restoreUpdate";

/** What history needs of the live rooms (server/collab/roomRegistry). */
export interface LiveRooms {
  join(name: string, connection: Connection): Promise<Room>;
  leave(room: Room, connection: Connection): void;
  /** Resolves once every change made so far is in the database. */
  flushWrites(): Promise<void>;
}

export interface HistoryOptions {
  storage: DocumentStorage;
  rooms: LiveRooms;
  log: Logger;
  now?: () => number;
  /** An automatic version once a document has had no change for this long. */
  settleMs?: number;
  /** ...or at the latest this long after the previous version while editing goes on. */
  maxVersionGapMs?: number;
  /** How often documents are checked for a settled burst. */
  sweepMs?: number;
  /** Scale-out: only the instance holding a document's lease makes its automatic versions. */
  leases?: DocumentLeases;
}

/** A facilitated run's event, marking a version (called by the facilitated-runs feature). */
export interface RunEvent {
  type: RunEventType;
  [detail: string]: unknown;
}

export const HISTORY_DEFAULTS = { settleMs: 60_000, maxVersionGapMs: 10 * 60_000, sweepMs: 15_000 };

/**
 * A checkpoint is kept once the log since the last one outgrows a quarter of it (and 32 KB): a version
 * is then at most that much log away from a checkpoint, and checkpoints grow with the log (a bounded
 * multiple of it), never with the number of versions (see the README's history benchmark).
 */
const CHECKPOINT_MIN_LOG_BYTES = 32 * 1024;
const CHECKPOINT_LOG_RATIO = 0.25;
/** Replay steps from empty to now. */
const MAX_REPLAY_FRAMES = 240;

export type HistoryService = ReturnType<typeof createHistoryService>;

/**
 * Version history of documents (issue 32), built on the attributed update log that storage keeps
 * behind snapshots. A version is a point in that log plus the attributed changes since the previous
 * one; rendering, comparing and replaying read storage only and never touch the live room. Restoring
 * is a change made by the server in the restorer's name and applied to the live room like any other.
 */
export function createHistoryService(options: HistoryOptions) {
  const { storage, rooms, log } = options;
  const now = options.now ?? Date.now;
  const settleMs = options.settleMs ?? HISTORY_DEFAULTS.settleMs;
  const maxGapMs = options.maxVersionGapMs ?? HISTORY_DEFAULTS.maxVersionGapMs;
  const docs = new HistoryDocs(storage);
  /** Documents changed since their last version: first and last change times. Cheap to keep per change. */
  const active = new Map<string, { first: number; last: number }>();

  const sweep = setInterval(() => {
    const at = now();
    for (const [name, times] of active) {
      if (at - times.last >= settleMs || at - times.first >= maxGapMs) {
        active.delete(name);
        void autoVersion(name, "settled");
      }
    }
  }, options.sweepMs ?? HISTORY_DEFAULTS.sweepMs);
  sweep.unref();

  async function autoVersion(name: string, why: string): Promise<void> {
    try {
      await rooms.flushWrites();
      // Every instance with the room loaded hears of its changes; one of them versions it.
      await (options.leases ?? localLeases).withDocumentLease(name, () =>
        createVersion(name, { kind: "auto" }),
      );
    } catch (error) {
      log.error("history.version_failed", { room: name, why, error: (error as Error).message });
    }
  }

  async function createVersion(
    name: string,
    input: {
      kind: VersionKind;
      name?: string | null;
      event?: Record<string, unknown> | null;
      createdBy?: string | null;
    },
  ): Promise<StoredVersion | null> {
    return docs.exclusive(name, async () => {
      const last = await storage.lastSeq(name);
      const [previous] = await storage.listVersions(name, { limit: 1 });
      const previousSeq = previous?.throughSeq ?? 0;
      // An automatic version only marks new changes.
      if (input.kind === "auto" && last === previousSeq) return null;
      const updates = await storage.listUpdates(name, { afterSeq: previousSeq, throughSeq: last });
      const bound = new Set((await storage.listBindings(name)).map((binding) => binding.clientId));
      const changes = collectChanges(updates, bound);
      const version = await storage.addVersion({
        documentName: name,
        throughSeq: last,
        createdAt: now(),
        kind: input.kind,
        name: input.name ?? null,
        event: input.event ?? null,
        createdBy: input.createdBy ?? null,
        contributors: contributorsOf(changes),
        stateVector: advanceStateVector(previous?.stateVector, changes),
        changes: encodeChanges(changes),
      });
      await keepCheckpointIfDue(name, last);
      return version;
    });
  }

  async function keepCheckpointIfDue(name: string, seq: number): Promise<void> {
    const latest = await storage.checkpointSize(name);
    if (latest && latest.throughSeq >= seq) return;
    const since = await storage.logBytes(name, { afterSeq: latest?.throughSeq ?? 0, throughSeq: seq });
    if (since < Math.max(CHECKPOINT_MIN_LOG_BYTES, (latest?.bytes ?? 0) * CHECKPOINT_LOG_RATIO)) return;
    const { data } = await docs.run(name, seq, { kind: "checkpoint" });
    await storage.addCheckpoint(name, { throughSeq: seq, data }, now());
  }

  async function requireVersion(name: string, id: number): Promise<StoredVersion> {
    const version = await storage.getVersion(name, id);
    if (!version) throw new VersionNotFound();
    return version;
  }

  return {
    /** A room's document changed (hot path: one map write). */
    noteChange(name: string): void {
      const times = active.get(name);
      const at = now();
      if (times) times.last = at;
      else active.set(name, { first: at, last: at });
    },
    /** The last person left a room: a version of what they did, once it is all stored. */
    noteEmpty(name: string): void {
      if (!active.delete(name)) return;
      setImmediate(() => void autoVersion(name, "empty"));
    },
    createVersion,
    async nameVersion(name: string, versionName: string, createdBy: string): Promise<StoredVersion> {
      await rooms.flushWrites();
      active.delete(name);
      return (await createVersion(name, { kind: "named", name: versionName, createdBy }))!;
    },
    renameVersion: (name: string, id: number, versionName: string | null) =>
      storage.renameVersion(name, id, versionName),
    /** Marks a facilitated run's event (phase change, reveal, close) with a version of the document. */
    async recordRunEvent(name: string, event: RunEvent): Promise<StoredVersion> {
      await rooms.flushWrites();
      active.delete(name);
      return (await createVersion(name, { kind: "run-event", event: { ...event } }))!;
    },
    listVersions: (name: string, page: { beforeId?: number; limit: number }) =>
      storage.listVersions(name, page),
    countVersions: (name: string) => storage.countVersions(name),
    getVersion: requireVersion,

    /** The document's Yjs state at a version, deleted content collected. */
    async versionState(name: string, id: number): Promise<{ version: StoredVersion; state: Uint8Array }> {
      const version = await requireVersion(name, id);
      const { state } = await docs.exclusive(name, () =>
        docs.run(name, version.throughSeq, { kind: "state" }),
      );
      return { version, state };
    },

    /** Compares two versions; version 0 is the empty document before the first change. */
    async compare(name: string, fromId: number, toId: number, options: { agenda?: boolean } = {}) {
      const versionOrEmpty = (id: number) =>
        id === 0 ? Promise.resolve(emptyVersion(name)) : requireVersion(name, id);
      let [from, to] = await Promise.all([versionOrEmpty(fromId), versionOrEmpty(toId)]);
      if (from.throughSeq > to.throughSeq || (from.throughSeq === to.throughSeq && from.id > to.id)) {
        [from, to] = [to, from];
      }
      const [changeBytes, bindings] = await Promise.all([
        storage.versionChanges(name, { afterSeq: from.throughSeq, throughSeq: to.throughSeq }),
        storage.listBindings(name),
      ]);
      const { docJson, totals, agenda } = await docs.exclusive(name, () =>
        docs.run(name, to.throughSeq, {
          kind: "compare",
          beforeStateVector: from.stateVector,
          changes: changeBytes,
          bindings,
          agenda: options.agenda,
        }),
      );
      return { from, to, docJson, totals, agenda };
    },

    /** Replay steps from empty to now, each with who wrote since the step before. */
    async replayPlan(name: string): Promise<ReplayFrame[]> {
      const updates = await storage.listUpdates(name);
      const bound = new Set((await storage.listBindings(name)).map((binding) => binding.clientId));
      const frames: ReplayFrame[] = [{ seq: 0, at: updates[0]?.createdAt ?? now(), authors: [] }];
      const perFrame = Math.max(1, Math.ceil(updates.length / MAX_REPLAY_FRAMES));
      for (let start = 0; start < updates.length; start += perFrame) {
        // Reading every update's client ids takes a while for a long log: let relaying in between.
        if (start > 0 && start % 2048 < perFrame) await new Promise((resolve) => setImmediate(resolve));
        const slice = updates.slice(start, start + perFrame);
        const authors = new Map<string, HistoryAuthor>();
        for (const update of slice) {
          const author = attributedAuthor(update.update, update.author, update.delegationId, bound);
          authors.set(`${author.participantId}|${author.delegationId}`, author);
        }
        const last = slice.at(-1)!;
        frames.push({ seq: last.seq, at: last.createdAt, authors: [...authors.values()] });
      }
      return frames;
    },

    /**
     * The document as it was at a point of its log (a replay step), as ProseMirror JSON text, and for
     * an agenda its sessions then.
     */
    async replayState(
      name: string,
      seq: number,
      options: { agenda?: boolean } = {},
    ): Promise<{ docJson: string; agenda?: AgendaHistorySession[] }> {
      const { docJson, agenda } = await docs.exclusive(name, () =>
        docs.run(name, seq, { kind: "replay", agenda: options.agenda }),
      );
      return { docJson, ...(agenda ? { agenda } : {}) };
    },

    /**
     * Restores a version: the server computes the change from the live document to the version and
     * applies it to the live room under a new client id bound to the restorer. Then the restore is a
     * version itself, so restoring the one before undoes it.
     */
    async restore(name: string, id: number, restorer: Connection["identity"]): Promise<StoredVersion> {
      const version = await requireVersion(name, id);
      const target = new Y.Doc();
      try {
        const { state } = await docs.exclusive(name, () =>
          docs.run(name, version.throughSeq, { kind: "state" }),
        );
        Y.applyUpdate(target, state);
        const connection = serverConnection(restorer);
        const room = await rooms.join(name, connection);
        try {
          const update = restoreUpdate(room.doc, target, randomInt(1, 2 ** 31));
          if (update) room.applyClientUpdate(connection, update);
        } finally {
          rooms.leave(room, connection);
        }
      } finally {
        target.destroy();
      }
      await rooms.flushWrites();
      active.delete(name);
      return (await createVersion(name, {
        kind: "restore",
        event: { restoredFrom: version.id },
        createdBy: restorer.participantId,
      }))!;
    },

    /** Who wrote under each client id (the server's bindings), for the live "who wrote what" tint. */
    async whoWrote(name: string): Promise<Map<number, HistoryAuthor>> {
      const bindings = await storage.listBindings(name);
      return new Map(
        bindings.map((b) => [b.clientId, { participantId: b.participantId, delegationId: b.delegationId }]),
      );
    },

    /** Forgets the documents built so far (a benchmark's cold run, without a new thread's start-up). */
    forgetBuilt: () => docs.forget(),

    close(): void {
      clearInterval(sweep);
      docs.close();
    },
  };
}

/** The document before anything was written: compare a first version against it. */
function emptyVersion(documentName: string): StoredVersion {
  return {
    id: 0,
    documentName,
    throughSeq: 0,
    createdAt: 0,
    kind: "auto",
    name: null,
    event: null,
    createdBy: null,
    contributors: [],
    stateVector: Y.encodeStateVector(new Map()),
  };
}

export class VersionNotFound extends Error {
  constructor() {
    super("no such version");
  }
}

function contributorsOf(changes: readonly ChangeGroup[]): StoredVersion["contributors"] {
  const seen = new Map<string, HistoryAuthor>();
  for (const { participantId, delegationId } of changes) {
    seen.set(`${participantId}|${delegationId}`, { participantId, delegationId });
  }
  return [...seen.values()];
}

/** The previous version's state vector moved past every item inserted since. */
function advanceStateVector(previous: Uint8Array | undefined, changes: readonly ChangeGroup[]): Uint8Array {
  const clocks = previous ? Y.decodeStateVector(previous) : new Map<number, number>();
  for (const group of changes) {
    for (const { client, clock, len } of group.inserts) {
      if (clock + len > (clocks.get(client) ?? 0)) clocks.set(client, clock + len);
    }
  }
  return Y.encodeStateVector(clocks);
}

/** An update's author, or anonymous when it carries content under a client id bound to nobody. */
function attributedAuthor(
  update: Uint8Array,
  author: string | null,
  delegationId: string | null,
  bound: ReadonlySet<number>,
): HistoryAuthor {
  if (author === null) return { participantId: null, delegationId: null };
  for (const client of Y.parseUpdateMeta(update).to.keys()) {
    if (!bound.has(client)) return { participantId: null, delegationId: null };
  }
  return { participantId: author, delegationId };
}

/** A connection that is the server acting for a participant: it receives nothing. */
function serverConnection(identity: Connection["identity"]): Connection {
  return {
    id: `history-restore-${randomInt(1, 2 ** 31)}`,
    identity,
    access: "write",
    mutualMessages: false,
    send() {},
    sendFrame() {},
    sendFrameParts() {},
    close() {},
    warn() {},
    awarenessIds: new Set(),
  };
}
