import * as Y from "yjs";
import { readRunState } from "../../shared/run/runState";
import { DocumentLayout, TemplateLayout } from "../../shared/schema/documentLayout";
import { RunLayout } from "../../shared/schema/runLayout";

type Decoded = ReturnType<typeof Y.decodeUpdate>;
type DecodedUpdate = { structs: Decoded["structs"]; deleteSet: Decoded["ds"] };

/** Where a change lands: the root type, and under "content" the template section (null: outside any). */
interface Scope {
  root: string;
  section: string | null;
}

/**
 * A facilitated run's guard (issue 31), checked before a client's update is applied:
 * - the run map is the server's alone (run state, contributions, tallies, actions, summary): any update
 *   writing into it or deleting from it is refused, for facilitators too (they act through the API);
 * - while the run locks the document or a section, only facilitators may change it (or that section).
 * Returns the refusal, or null. Documents without a run cost one pass over the update's structs.
 */
export function runRefusal(
  doc: Y.Doc,
  update: DecodedUpdate,
  mayEditLocked: boolean,
): "protectedStructure" | "locked" | null {
  // What the server already holds is no change (a reconnecting client's sync reply repeats some of it, and
  // always carries its whole delete set): only new content and new deletions are judged.
  const known = (struct: { id: Y.ID; length: number }) =>
    struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client);
  // A new key in the run map names its root: refused even before any run exists.
  for (const struct of update.structs) {
    if (struct instanceof Y.Item && (struct.parent as unknown) === RunLayout.map && !known(struct)) {
      return "protectedStructure";
    }
  }
  const root = doc.share.get(RunLayout.map);
  if (!root || root._map.size === 0) return null;
  // A room loaded from storage holds the root untyped until someone asks for it as a map (another
  // instance's room, or after a restart): `getMap` types it.
  const state = readRunState(doc.getMap<unknown>(RunLayout.map).get(RunLayout.state));
  const locks = !mayEditLocked && state?.status === "running" ? state.locks : null;
  const lockedSections = new Set(locks?.sections ?? []);
  const lockedAll = locks?.document === true;
  const scopes = new ScopeResolver(doc, update.structs);
  const anyLock = lockedAll || lockedSections.size > 0;
  const check = (scope: Scope | null): "protectedStructure" | "locked" | null => {
    // Hanging from content the server does not hold (Yjs would keep it pending): while something is locked,
    // where it would land cannot be told, so it is refused.
    if (!scope) return anyLock ? "locked" : null;
    if (scope.root === RunLayout.map) return "protectedStructure";
    if (scope.root === DocumentLayout.content || scope.root === DocumentLayout.template) {
      if (lockedAll) return "locked";
      if (scope.section !== null && lockedSections.has(scope.section)) return "locked";
    }
    return null;
  };
  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item) || known(struct)) continue;
    const refusal = check(scopes.ofStruct(struct));
    if (refusal) return refusal;
  }
  for (const [client, ranges] of update.deleteSet.clients) {
    for (const { clock, len } of ranges) {
      let at = clock;
      const end = Math.min(clock + len, Y.getState(doc.store, client));
      while (at < end) {
        const item = Y.getItem(doc.store, Y.createID(client, at));
        // Deleting what is already deleted changes nothing.
        const refusal = item instanceof Y.Item && !item.deleted ? check(scopeOfDocItem(item)) : null;
        if (refusal) return refusal;
        at = item.id.clock + item.length;
      }
    }
  }
  return null;
}

/** Climbs from an item of the document to its top-level item. */
function scopeOfDocItem(start: Y.Item): Scope | null {
  let item = start;
  for (;;) {
    const parent = item.parent as Y.AbstractType<unknown> | null;
    if (!parent) return null;
    if (parent._item === null) {
      const root = Y.findRootTypeKey(parent);
      return { root, section: root === DocumentLayout.content ? sectionOf(item) : null };
    }
    item = parent._item;
  }
}

function sectionOf(top: Y.Item): string | null {
  if (!(top.content instanceof Y.ContentType)) return null;
  const element = top.content.type;
  if (!(element instanceof Y.XmlElement) || element.nodeName !== TemplateLayout.sectionNode) return null;
  const id = element.getAttribute(TemplateLayout.sectionIdAttribute);
  return typeof id === "string" ? id : null;
}

/** Scopes of an update's structs, which may hang from the document or from other structs of the update. */
class ScopeResolver {
  private readonly own = new Map<number, Y.Item[]>();
  private readonly memo = new Map<Y.Item, Scope | null>();

  constructor(
    private readonly doc: Y.Doc,
    structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>,
  ) {
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      const list = this.own.get(struct.id.client) ?? [];
      list.push(struct);
      this.own.set(struct.id.client, list);
    }
    // In clock order (as Yjs encodes them; a crafted update may not be), so `ofId` can bisect:
    // a large paste or offline resync has thousands of structs from one client.
    for (const list of this.own.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  }

  ofStruct(struct: Y.Item): Scope | null {
    if (this.memo.has(struct)) return this.memo.get(struct)!;
    this.memo.set(struct, null); // a cycle in a crafted update resolves to nothing
    let scope: Scope | null = null;
    const parent = struct.parent as unknown;
    if (typeof parent === "string") {
      scope = { root: parent, section: parent === DocumentLayout.content ? sectionOf(struct) : null };
    } else if (parent instanceof Y.ID) {
      // The parent type's own item: the scope is that item's, unless it is itself a top-level node.
      scope = this.ofId(parent, true);
    } else {
      const neighbour = struct.origin ?? struct.rightOrigin;
      scope = neighbour ? this.ofId(neighbour, false) : null;
    }
    this.memo.set(struct, scope);
    return scope;
  }

  /** The scope of content beside (or, when `isParent`, inside) the item holding `id`. */
  private ofId(id: Y.ID, isParent: boolean): Scope | null {
    const mine = containing(this.own.get(id.client), id.clock);
    if (mine) return this.ofStruct(mine);
    if (id.clock >= Y.getState(this.doc.store, id.client)) return null;
    const item = Y.getItem(this.doc.store, id);
    if (!(item instanceof Y.Item)) return null;
    if (isParent) return scopeOfDocItem(item);
    // A sibling of `item`: at the top level it is a node of its own (outside any section).
    const parent = item.parent as Y.AbstractType<unknown> | null;
    if (!parent) return null;
    if (parent._item === null) return { root: Y.findRootTypeKey(parent), section: null };
    return scopeOfDocItem(parent._item);
  }
}

/** The struct of a clock-ordered list that holds `clock`, by bisection; undefined when none does. */
function containing(list: readonly Y.Item[] | undefined, clock: number): Y.Item | undefined {
  if (!list) return undefined;
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const struct = list[middle]!;
    if (clock < struct.id.clock) high = middle - 1;
    else if (clock >= struct.id.clock + struct.length) low = middle + 1;
    else return struct;
  }
  return undefined;
}
