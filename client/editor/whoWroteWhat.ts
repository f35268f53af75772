import type { Node as PmNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import * as Y from "yjs";

export const whoWroteWhatKey = new PluginKey<DecorationSet>("whoWroteWhat");

export interface WhoWroteWhatOptions {
  /** The Y.XmlFragment the editor is bound to. */
  fragment: Y.XmlFragment;
  /** The tint for text written under a Yjs client id (its author's delegation then); null: none. */
  tintOf: (clientId: number) => { color: string; label: string } | null;
  /** Text under a client id the map does not know yet (someone new wrote): refresh the map. */
  onUnknownClient: (clientId: number) => void;
}

/**
 * "Who wrote what": tints the live document's text by the delegation of whoever wrote it, from the
 * server's bindings of Yjs client ids (never from awareness). Decorations only: the document is not
 * touched. Rebuilt a moment after changes (never during an IME composition), mapped meanwhile.
 * Loaded only when someone turns it on (a dynamic import), so the editor's first load does not carry it.
 */
export function whoWroteWhat(options: WhoWroteWhatOptions): Plugin {
  return new Plugin<DecorationSet>({
    key: whoWroteWhatKey,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, set) {
        const next = tr.getMeta(whoWroteWhatKey) as DecorationSet | undefined;
        return next ?? set.map(tr.mapping, tr.doc);
      },
    },
    props: {
      decorations: (state) => whoWroteWhatKey.getState(state),
    },
    view(view) {
      let timer: ReturnType<typeof setTimeout> | null = null;
      const rebuild = () => {
        timer = null;
        if (view.isDestroyed) return;
        if (view.composing) {
          schedule();
          return;
        }
        const set = buildDecorations(view, options);
        view.dispatch(view.state.tr.setMeta(whoWroteWhatKey, set).setMeta("addToHistory", false));
      };
      const schedule = () => {
        timer ??= setTimeout(rebuild, 150);
      };
      schedule();
      return {
        update(next, previous) {
          if (!next.state.doc.eq(previous.doc)) schedule();
        },
        destroy() {
          if (timer) clearTimeout(timer);
        },
      };
    },
  });
}

/** Walks the Yjs tree beside the ProseMirror document it mirrors, one decoration per run of one author. */
function buildDecorations(view: EditorView, options: WhoWroteWhatOptions): DecorationSet {
  const decorations: Decoration[] = [];
  const unknown = new Set<number>();
  const walk = (parent: Y.XmlFragment | Y.XmlElement, node: PmNode, contentStart: number): boolean => {
    let index = 0;
    let pos = contentStart;
    for (let item = parent._start; item !== null; item = item.right) {
      if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
      const type = item.content.type;
      if (type instanceof Y.XmlElement) {
        const child = index < node.childCount ? node.child(index++) : null;
        if (!child || child.isText || child.type.name !== type.nodeName) return false;
        if (!child.isLeaf && !walk(type, child, pos + 1)) return false;
        pos += child.nodeSize;
      } else if (type instanceof Y.XmlText) {
        const start = pos;
        for (let run = type._start; run !== null; run = run.right) {
          if (run.deleted || !(run.content instanceof Y.ContentString)) continue;
          const length = run.content.str.length;
          const tint = options.tintOf(run.id.client);
          if (tint) {
            decorations.push(
              Decoration.inline(pos, pos + length, {
                class: "who-wrote",
                style: `--who-wrote-color: ${tint.color}`,
                "data-delegation": tint.label,
              }),
            );
          } else unknown.add(run.id.client);
          pos += length;
        }
        // The ProseMirror text nodes this Y.XmlText became.
        let consumed = 0;
        while (index < node.childCount && node.child(index).isText && consumed < pos - start) {
          consumed += node.child(index++).nodeSize;
        }
        if (consumed !== pos - start) return false;
      }
    }
    return true;
  };
  // Out of step for a moment (a change not yet mirrored): keep the last tint, try again on the next change.
  if (!walk(options.fragment, view.state.doc, 0))
    return whoWroteWhatKey.getState(view.state) ?? DecorationSet.empty;
  for (const client of unknown) options.onUnknownClient(client);
  return DecorationSet.create(view.state.doc, decorations);
}
