import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import type { LoggedUpdate } from "../storage/DocumentStorage";

/** Who made a change, as the server recorded it: null participant means anonymous. */
export interface ChangeAuthor {
  participantId: string | null;
  delegationId: string | null;
}

/** A run of Yjs clocks of one client: [clock, clock + len). */
export interface ClockRange {
  client: number;
  clock: number;
  len: number;
}

/** The changes one author made in a stretch of the log: items inserted and items deleted. */
export interface ChangeGroup extends ChangeAuthor {
  inserts: ClockRange[];
  deletes: ClockRange[];
}

/**
 * The attributed changes of a stretch of the log, grouped by author (participant + delegation at the
 * time of writing), from each update's structs and delete set. Kept with each version, so comparing two
 * versions reads these small records instead of decoding every update between them. An update that
 * carries content under a client id bound to nobody is anonymous (a facilitated run's anonymous
 * contributions) with its deletions: its author is never looked up.
 */
export function collectChanges(
  updates: readonly LoggedUpdate[],
  boundClients: ReadonlySet<number>,
): ChangeGroup[] {
  const groups = new Map<string, ChangeGroup>();
  for (const logged of updates) {
    const { structs, ds } = Y.decodeUpdate(logged.update);
    const inserts: ClockRange[] = [];
    let anonymous = logged.author === null;
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      if (!boundClients.has(struct.id.client)) anonymous = true;
      inserts.push({ client: struct.id.client, clock: struct.id.clock, len: struct.length });
    }
    const deletes: ClockRange[] = [];
    for (const [client, items] of ds.clients) {
      for (const item of items) deletes.push({ client, clock: item.clock, len: item.len });
    }
    if (inserts.length === 0 && deletes.length === 0) continue;
    const author: ChangeAuthor = anonymous
      ? { participantId: null, delegationId: null }
      : { participantId: logged.author, delegationId: logged.delegationId };
    const key = `${author.participantId ?? ""}\u0000${author.delegationId ?? ""}`;
    let group = groups.get(key);
    if (!group) {
      group = { ...author, inserts: [], deletes: [] };
      groups.set(key, group);
    }
    group.inserts.push(...inserts);
    group.deletes.push(...deletes);
  }
  return [...groups.values()].map((group) => ({
    ...group,
    inserts: mergeRanges(group.inserts),
    deletes: mergeRanges(group.deletes),
  }));
}

/** Sorted by client and clock, touching or overlapping runs joined. */
export function mergeRanges(ranges: readonly ClockRange[]): ClockRange[] {
  const sorted = [...ranges].sort((a, b) => a.client - b.client || a.clock - b.clock);
  const merged: ClockRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && last.client === range.client && range.clock <= last.clock + last.len) {
      last.len = Math.max(last.len, range.clock + range.len - last.clock);
    } else merged.push({ ...range });
  }
  return merged;
}

export function encodeChanges(groups: readonly ChangeGroup[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, groups.length);
  for (const group of groups) {
    encoding.writeVarString(encoder, group.participantId ?? "");
    encoding.writeVarString(encoder, group.delegationId ?? "");
    writeRanges(encoder, group.inserts);
    writeRanges(encoder, group.deletes);
  }
  return encoding.toUint8Array(encoder);
}

export function decodeChanges(bytes: Uint8Array): ChangeGroup[] {
  const decoder = decoding.createDecoder(bytes);
  const count = decoding.readVarUint(decoder);
  const groups: ChangeGroup[] = [];
  for (let i = 0; i < count; i++) {
    const participantId = decoding.readVarString(decoder) || null;
    const delegationId = decoding.readVarString(decoder) || null;
    const inserts = readRanges(decoder);
    const deletes = readRanges(decoder);
    groups.push({ participantId, delegationId, inserts, deletes });
  }
  return groups;
}

// Ranges are sorted by client then clock: the client is written when it changes, clocks as deltas.
function writeRanges(encoder: encoding.Encoder, ranges: readonly ClockRange[]): void {
  encoding.writeVarUint(encoder, ranges.length);
  let client = -1;
  let clock = 0;
  for (const range of ranges) {
    if (range.client !== client) {
      encoding.writeVarUint(encoder, 1);
      encoding.writeVarUint(encoder, range.client);
      client = range.client;
      clock = 0;
    } else encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, range.clock - clock);
    encoding.writeVarUint(encoder, range.len);
    clock = range.clock;
  }
}

function readRanges(decoder: decoding.Decoder): ClockRange[] {
  const count = decoding.readVarUint(decoder);
  const ranges: ClockRange[] = [];
  let client = -1;
  let clock = 0;
  for (let i = 0; i < count; i++) {
    if (decoding.readVarUint(decoder) === 1) {
      client = decoding.readVarUint(decoder);
      clock = 0;
    }
    clock += decoding.readVarUint(decoder);
    ranges.push({ client, clock, len: decoding.readVarUint(decoder) });
  }
  return ranges;
}

/**
 * Finds who inserted or deleted a Yjs item among the changes of a stretch of the log. Where several
 * changes cover the same item (two people deleting the same words at once), the earliest wins.
 */
export class ChangeIndex {
  private readonly inserts = new Map<number, IndexedRange[]>();
  private readonly deletes = new Map<number, IndexedRange[]>();

  constructor(groupsInOrder: readonly ChangeGroup[]) {
    let order = 0;
    for (const group of groupsInOrder) {
      for (const range of group.inserts) add(this.inserts, range, group, order++);
      for (const range of group.deletes) add(this.deletes, range, group, order++);
    }
    for (const map of [this.inserts, this.deletes]) for (const list of map.values()) finish(list);
  }

  insertedBy(id: Y.ID): ChangeAuthor | null {
    return find(this.inserts.get(id.client), id.clock);
  }

  deletedBy(id: Y.ID): ChangeAuthor | null {
    return find(this.deletes.get(id.client), id.clock);
  }

  /** Every deleted range, per client, merged: what the stretch deleted. */
  deletedRanges(): Map<number, Array<{ clock: number; len: number }>> {
    const result = new Map<number, Array<{ clock: number; len: number }>>();
    for (const [client, list] of this.deletes) {
      result.set(
        client,
        mergeRanges(list.map((r) => ({ client, clock: r.clock, len: r.end - r.clock }))).map(
          ({ clock, len }) => ({
            clock,
            len,
          }),
        ),
      );
    }
    return result;
  }
}

interface IndexedRange {
  clock: number;
  end: number;
  order: number;
  author: ChangeAuthor;
  /** Largest `end` of this range and every range before it (for overlapping ranges). */
  maxEnd: number;
}

function add(map: Map<number, IndexedRange[]>, range: ClockRange, author: ChangeAuthor, order: number): void {
  let list = map.get(range.client);
  if (!list) {
    list = [];
    map.set(range.client, list);
  }
  list.push({ clock: range.clock, end: range.clock + range.len, order, author, maxEnd: 0 });
}

function finish(list: IndexedRange[]): void {
  list.sort((a, b) => a.clock - b.clock || a.order - b.order);
  let maxEnd = 0;
  for (const range of list) {
    maxEnd = Math.max(maxEnd, range.end);
    range.maxEnd = maxEnd;
  }
}

function find(list: IndexedRange[] | undefined, clock: number): ChangeAuthor | null {
  if (!list) return null;
  // The last range starting at or before `clock`, then back while earlier ranges may still reach it.
  let low = 0;
  let high = list.length - 1;
  let at = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (list[mid]!.clock <= clock) {
      at = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  let best: IndexedRange | null = null;
  for (let i = at; i >= 0 && list[i]!.maxEnd > clock; i--) {
    const range = list[i]!;
    if (range.end > clock && (!best || range.order < best.order)) best = range;
  }
  return best?.author ?? null;
}
