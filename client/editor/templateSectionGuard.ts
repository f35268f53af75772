import { splitBlock } from "@tiptap/pm/commands";
import { Fragment, type NodeType, type Node as PMNode, Slice } from "@tiptap/pm/model";
import { type EditorState, Plugin, PluginKey, TextSelection, type Transaction } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { TemplateLayout } from "../../shared/schema/documentLayout";

const sectionTypeOf = (state: EditorState): NodeType | undefined =>
  state.schema.nodes[TemplateLayout.sectionNode];

/**
 * The sections of a document, as the server wrote them: top-level nodes, in order, each one answer space
 * (section id and, for per-pair sections, the pair). Refuses every local change that alters this list or
 * puts a section anywhere else; answers inside change freely. Changes that arrive from Yjs are the
 * server's and others' truth and always pass (the server refuses a section's deletion on its side).
 */
export function guardSectionsPlugin(): Plugin {
  return new Plugin({
    key: new PluginKey("templateSectionGuard"),
    filterTransaction(tr, state) {
      if (!tr.docChanged) return true;
      const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
      if (sync?.isChangeOrigin) return true;
      const type = sectionTypeOf(state);
      return !type || sectionsKept(state.doc, tr, type);
    },
    // A caret between sections (Ctrl+Home lands before the first one's prompt, a gap cursor, a click on a
    // prompt) has nowhere to write: it moves into the nearest answer after it.
    appendTransaction(transactions, _old, state) {
      const { selection } = state;
      if (!transactions.some((tr) => tr.selectionSet) || !selection.empty || selection.$from.depth > 0)
        return null;
      const type = sectionTypeOf(state);
      if (!type || !sectionKeys(state.doc, type).onlySections) return null;
      const inside = TextSelection.near(selection.$from, 1);
      return inside.eq(selection) ? null : state.tr.setSelection(inside).setMeta("addToHistory", false);
    },
    props: {
      transformPasted(slice, view) {
        const type = sectionTypeOf(view.state);
        return type ? unwrapSections(slice, type) : slice;
      },
      handleTextInput(view, from, to, text) {
        if (!crossesSections(view.state, from, to)) return false;
        clearAcrossSections(view.state, view.dispatch);
        view.dispatch(view.state.tr.insertText(text));
        return true;
      },
      handleDOMEvents: {
        // The clipboard gets the selection as usual; then each section's part is cleared, sections kept
        // (the editor's own cut would remove them and is refused above).
        cut(view) {
          const { from, to } = view.state.selection;
          if (crossesSections(view.state, from, to))
            setTimeout(() => clearAcrossSections(view.state, view.dispatch), 0);
          return false;
        },
      },
    },
  });
}

/** Section keys in document order: "sectionId#pairIndex" for every top-level section. */
function sectionKeys(doc: PMNode, type: NodeType): { keys: string[]; onlySections: boolean } {
  const keys: string[] = [];
  let onlySections = doc.childCount > 0;
  doc.forEach((child) => {
    if (child.type === type) keys.push(`${child.attrs.sectionId}#${child.attrs.pairIndex ?? ""}`);
    else onlySections = false;
  });
  return { keys, onlySections };
}

function sectionsKept(before: PMNode, tr: Transaction, type: NodeType): boolean {
  const was = sectionKeys(before, type);
  const now = sectionKeys(tr.doc, type);
  if (was.keys.length !== now.keys.length || was.keys.some((key, i) => key !== now.keys[i])) return false;
  // A document made only of sections stays so: no text between or around them.
  if (was.onlySections && !now.onlySections) return false;
  return !nestedSectionIn(tr, type);
}

/** A section inside another node, anywhere the transaction changed (sections live at the top level only). */
function nestedSectionIn(tr: Transaction, type: NodeType): boolean {
  let found = false;
  tr.steps.forEach((step, index) => {
    const rest = tr.mapping.slice(index + 1);
    step.getMap().forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      if (found) return;
      const from = rest.map(newStart, -1);
      const to = Math.min(rest.map(newEnd, 1), tr.doc.content.size);
      tr.doc.nodesBetween(from, to, (node, _pos, parent) => {
        if (found || node.isTextblock) return false;
        if (node.type === type && parent !== tr.doc) found = true;
        return !found;
      });
    });
  });
  return found;
}

/** Pasted or dropped sections bring their answers, not themselves. */
function unwrapSections(slice: Slice, type: NodeType): Slice {
  if (!containsSection(slice.content, type)) return slice;
  const startsWith = slice.content.firstChild?.type === type;
  const endsWith = slice.content.lastChild?.type === type;
  return new Slice(
    unwrap(slice.content, type),
    startsWith ? Math.max(0, slice.openStart - 1) : slice.openStart,
    endsWith ? Math.max(0, slice.openEnd - 1) : slice.openEnd,
  );
}

function containsSection(fragment: Fragment, type: NodeType): boolean {
  let found = false;
  fragment.descendants((node) => {
    if (node.type === type) found = true;
    return !found && !node.isTextblock;
  });
  return found;
}

function unwrap(fragment: Fragment, type: NodeType): Fragment {
  const nodes: PMNode[] = [];
  fragment.forEach((node) => {
    if (node.type === type) {
      unwrap(node.content, type).forEach((child) => {
        nodes.push(child);
      });
    } else if (node.isTextblock || node.isLeaf || !containsSection(node.content, type)) nodes.push(node);
    else nodes.push(node.copy(unwrap(node.content, type)));
  });
  return Fragment.from(nodes);
}

/** True when from..to spans more than one section's answer (or a section and text outside any). */
function crossesSections(state: EditorState, from: number, to: number): boolean {
  const type = sectionTypeOf(state);
  if (!type || from === to) return false;
  const { doc } = state;
  const $from = doc.resolve(from);
  const $to = doc.resolve(to);
  const index = $from.index(0);
  if ($from.depth >= 1 && $to.depth >= 1 && index === $to.index(0) && doc.child(index).type === type)
    return false;
  let touches = false;
  doc.nodesBetween(from, to, (node, _pos, parent) => {
    if (parent === doc && node.type === type) touches = true;
    return false;
  });
  return touches;
}

/**
 * Deletes a selection that spans sections as the reader means it: the selected text of each answer goes,
 * every section stays (an answer emptied whole keeps one empty line to write in). Select all, then
 * Backspace, leaves the document's sections with empty answers.
 */
export function clearAcrossSections(state: EditorState, dispatch?: (tr: Transaction) => void): boolean {
  const { from, to } = state.selection;
  const type = sectionTypeOf(state);
  if (!type || !crossesSections(state, from, to)) return false;
  const paragraph = state.schema.nodes.paragraph!;
  const cuts: Array<{ from: number; to: number; whole: boolean }> = [];
  state.doc.forEach((child, start) => {
    const end = start + child.nodeSize;
    if (end <= from || start >= to) return;
    if (child.type === type) {
      const [inside, insideEnd] = [start + 1, end - 1];
      const [a, b] = [Math.max(from, inside), Math.min(to, insideEnd)];
      if (a < b) cuts.push({ from: a, to: b, whole: a === inside && b === insideEnd });
    } else {
      cuts.push({ from: Math.max(from, start), to: Math.min(to, end), whole: false });
    }
  });
  const tr = state.tr;
  for (const cut of cuts.reverse()) {
    if (cut.whole) tr.replaceWith(cut.from, cut.to, paragraph.create());
    else tr.delete(cut.from, cut.to);
  }
  const at = Math.min(tr.mapping.map(from, -1), tr.doc.content.size);
  tr.setSelection(TextSelection.near(tr.doc.resolve(at)));
  dispatch?.(tr.scrollIntoView());
  return true;
}

/** Enter on an empty line directly in an answer: a new line (the editor's own Enter would lift it out). */
export function emptyLineInSection(state: EditorState, dispatch?: (tr: Transaction) => void): boolean {
  const { $from, empty } = state.selection;
  const type = sectionTypeOf(state);
  if (!type || !empty || $from.depth < 2) return false;
  if (!$from.parent.isTextblock || $from.parent.content.size > 0) return false;
  if ($from.node(-1).type !== type) return false;
  return splitBlock(state, dispatch);
}

/**
 * Backspace at the very start of an answer, Delete at its very end: nothing to do inside the section, and
 * nothing may cross its edge. Handled (as nothing) so that the browser does not merge two sections.
 * `caret` is where the caret really is (see caretOf), which the editor's state may not know yet.
 */
export function sectionBoundaryKey(
  state: EditorState,
  direction: "backward" | "forward",
  caret: number | null = null,
): boolean {
  const type = sectionTypeOf(state);
  if (!type) return false;
  const { empty } = state.selection;
  if (caret === null && !empty) return false;
  const $from = caret === null ? state.selection.$from : state.doc.resolve(caret);
  if (!$from.parent.isTextblock) return false;
  const atEdge =
    direction === "backward" ? $from.parentOffset === 0 : $from.parentOffset === $from.parent.content.size;
  if (!atEdge) return false;
  for (let depth = $from.depth - 1; depth >= 1; depth--) {
    const index = $from.index(depth);
    const first = direction === "backward" ? index === 0 : index === $from.node(depth).childCount - 1;
    if (!first) return false;
    if ($from.node(depth).type === type) return true;
  }
  return false;
}

/**
 * The caret's position as the page shows it. A key pressed right after Home or a click can reach the
 * editor before the browser reports the caret's move, while the state still holds the old place; the
 * browser would then delete at the new one, across a section's edge.
 */
export function caretOf(view: EditorView): number | null {
  const selection = view.dom.ownerDocument.getSelection();
  if (!selection?.isCollapsed || !selection.focusNode || !view.dom.contains(selection.focusNode)) return null;
  try {
    return view.posAtDOM(selection.focusNode, selection.focusOffset);
  } catch {
    return null;
  }
}
