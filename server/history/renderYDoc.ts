import * as Y from "yjs";
import type { HistoryMark, HistoryNode } from "../../shared/api/history";

/** How a compared item changed between the two versions. */
export type ChangeKind = "insert" | "delete";

export interface CompareView {
  /** The older version (state vector and delete set). */
  before: Y.Snapshot;
  /** The newer version. */
  after: Y.Snapshot;
  /** The mark to put on text that changed (who changed it), or null for none. */
  changeMark(kind: ChangeKind, id: Y.ID): HistoryMark;
  /** Called for each run of changed text, once per run (word counts). */
  onChangedText?(kind: ChangeKind, id: Y.ID, text: string): void;
}

/**
 * A Y.XmlFragment as ProseMirror JSON, the way the editor stores it (y-tiptap: elements are nodes,
 * text formatting attributes are marks named by key, `name--hash` for marks that may overlap).
 * Without `compare`, what is visible now; with it, what either version shows, changed text marked.
 */
export function renderFragment(fragment: Y.XmlFragment, compare?: CompareView): HistoryNode {
  return { type: "doc", content: renderChildren(fragment, compare) };
}

function visibility(item: Y.Item, compare: CompareView | undefined): { before: boolean; after: boolean } {
  if (!compare) return { before: !item.deleted, after: !item.deleted };
  return { before: isVisible(item, compare.before), after: isVisible(item, compare.after) };
}

/** Yjs' own isVisible, which it does not export: in the snapshot's state and not in its delete set. */
function isVisible(item: Y.Item, snapshot: Y.Snapshot): boolean {
  const { client, clock } = item.id;
  return (snapshot.sv.get(client) ?? 0) > clock && !Y.isDeleted(snapshot.ds, item.id);
}

function renderChildren(
  parent: Y.XmlFragment | Y.XmlElement,
  compare: CompareView | undefined,
): HistoryNode[] {
  const nodes: HistoryNode[] = [];
  for (let item = parent._start; item !== null; item = item.right) {
    const shown = visibility(item, compare);
    if (!shown.before && !shown.after) continue;
    if (!(item.content instanceof Y.ContentType)) continue;
    const type = item.content.type;
    if (type instanceof Y.XmlElement) {
      const attrs = type.getAttributes(shown.after ? compare?.after : compare?.before) as Record<
        string,
        unknown
      >;
      const node: HistoryNode = { type: type.nodeName };
      if (Object.keys(attrs).length > 0) node.attrs = attrs;
      const content = renderChildren(type, compare);
      if (content.length > 0) node.content = content;
      nodes.push(node);
    } else if (type instanceof Y.XmlText) {
      nodes.push(...renderText(type, compare));
    }
  }
  return nodes;
}

function renderText(text: Y.XmlText, compare: CompareView | undefined): HistoryNode[] {
  const nodes: HistoryNode[] = [];
  const formats = new Map<string, unknown>();
  let pending: {
    text: string;
    marks: HistoryMark[];
    key: string;
    change: ChangeKind | null;
    id: Y.ID | null;
  } | null = null;
  const flush = () => {
    if (!pending) return;
    const node: HistoryNode = { type: "text", text: pending.text };
    if (pending.marks.length > 0) node.marks = pending.marks;
    nodes.push(node);
    if (pending.change && pending.id) compare?.onChangedText?.(pending.change, pending.id, pending.text);
    pending = null;
  };
  for (let item = text._start; item !== null; item = item.right) {
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      // Formatting as the newer version has it (the older one's, for text only the older one shows).
      const shown = visibility(item, compare);
      if (shown.after || (compare && shown.before)) {
        if (content.value === null) formats.delete(content.key);
        else formats.set(content.key, content.value);
      }
      continue;
    }
    if (!(content instanceof Y.ContentString)) continue;
    const shown = visibility(item, compare);
    if (!shown.before && !shown.after) continue;
    const change: ChangeKind | null =
      shown.after && !shown.before ? "insert" : shown.before && !shown.after ? "delete" : null;
    const marks = marksOf(formats);
    const changeMark = change && compare ? compare.changeMark(change, item.id) : null;
    if (changeMark) marks.push(changeMark);
    const key = JSON.stringify(marks);
    if (pending && pending.key === key) pending.text += content.str;
    else {
      flush();
      pending = { text: content.str, marks, key, change, id: change ? item.id : null };
    }
  }
  flush();
  return nodes;
}

function marksOf(formats: Map<string, unknown>): HistoryMark[] {
  const marks: HistoryMark[] = [];
  for (const [key, value] of formats) {
    const type = key.split("--")[0]!;
    marks.push(
      value && typeof value === "object" ? { type, attrs: value as Record<string, unknown> } : { type },
    );
  }
  return marks;
}
