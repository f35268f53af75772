import * as Y from "yjs";
import type { HistoryMark, HistoryNode } from "../../shared/api/history";

/**
 * How compared text changed between the two versions: inserted, deleted, or shown in both with other
 * formatting ("format": `id` is then the formatting item that changed it, inserted or deleted).
 */
export type ChangeKind = "insert" | "delete" | "format";

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

/** Formatting attributes as each version has them at the current point of a text. */
class Formats {
  readonly after = new Map<string, unknown>();
  readonly before = new Map<string, unknown>();
  /** Bumped on every change: runs of text compare it rather than their marks. */
  version = 0;
  /** The two versions format the text here differently. */
  differ = false;
  /** The latest formatting item one version has and the other not (who changed the formatting). */
  lastChange: Y.ID | null = null;

  take(item: Y.Item, key: string, value: unknown, shown: { before: boolean; after: boolean }): void {
    if (!shown.before && !shown.after) return;
    if (shown.after) set(this.after, key, value);
    if (shown.before) set(this.before, key, value);
    if (shown.before !== shown.after) this.lastChange = item.id;
    this.version++;
    this.differ = !sameFormats(this.after, this.before);
  }
}

function set(formats: Map<string, unknown>, key: string, value: unknown): void {
  if (value === null) formats.delete(key);
  else formats.set(key, value);
}

function sameFormats(a: Map<string, unknown>, b: Map<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a)
    if (!b.has(key) || JSON.stringify(b.get(key)) !== JSON.stringify(value)) return false;
  return true;
}

function renderText(text: Y.XmlText, compare: CompareView | undefined): HistoryNode[] {
  const nodes: HistoryNode[] = [];
  const formats = new Formats();
  // Runs of text with the same formatting and change are one node; the key says what a run has
  // without building its marks for every Yjs item (a compare walks tens of thousands of them).
  let run: {
    text: string;
    key: string;
    marks: HistoryMark[];
    change: ChangeKind | null;
    id: Y.ID | null;
  } | null = null;
  const flush = () => {
    if (!run) return;
    const node: HistoryNode = { type: "text", text: run.text };
    if (run.marks.length > 0) node.marks = run.marks;
    nodes.push(node);
    if (run.change && run.id) compare?.onChangedText?.(run.change, run.id, run.text);
    run = null;
  };
  for (let item = text._start; item !== null; item = item.right) {
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      formats.take(item, content.key, content.value, visibility(item, compare));
      continue;
    }
    if (!(content instanceof Y.ContentString)) continue;
    const shown = visibility(item, compare);
    if (!shown.before && !shown.after) continue;
    const change: ChangeKind | null =
      shown.after && !shown.before
        ? "insert"
        : shown.before && !shown.after
          ? "delete"
          : formats.differ && formats.lastChange
            ? "format"
            : null;
    const changeId = change === "format" ? formats.lastChange! : item.id;
    const changeMark = change && compare ? compare.changeMark(change, changeId) : null;
    const key = changeMark
      ? `${formats.version}|${changeMark.attrs?.kind}|${changeMark.attrs?.participantId}|${changeMark.attrs?.delegationId}`
      : `${formats.version}`;
    if (run && run.key === key) {
      run.text += content.str;
      continue;
    }
    flush();
    // Text only the older version shows keeps its formatting then; anything else is shown as it is now.
    const marks = marksOf(shown.after ? formats.after : formats.before);
    if (changeMark) marks.push(changeMark);
    run = { text: content.str, key, marks, change, id: change ? changeId : null };
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
