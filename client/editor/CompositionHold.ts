import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, TextSelection } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import {
  absolutePositionToRelativePosition,
  type ProsemirrorBinding,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from "@tiptap/y-tiptap";
import { type CompositionStart, localChange, replayOnto } from "./compositionReplay";

// ProseMirror ends its own composition bookkeeping 20 ms after compositionend; release after it.
const RELEASE_AFTER_END_MS = 25;

interface Hold extends CompositionStart {
  /** Where the composition began, as Yjs positions that follow others' inserts. */
  relFrom: unknown;
  relTo: unknown;
  remoteChanged: boolean;
}

/**
 * Keeps others' changes out of the editor while an IME composition is open, then replays the composed text
 * onto the latest shared document.
 *
 * y-tiptap redraws the document on every remote change. When a remote keystroke lands in the text node an
 * IME is composing in, ProseMirror cannot keep that node, Chromium ends the composition and pre-edit text
 * (pinyin) stays behind. So while composing, neither direction syncs: others' changes wait in Yjs and the
 * composition stays in the editor. When it ends, the editor is redrawn from Yjs and the composition's change
 * is applied again where it began, then synced like any other local edit.
 */
class CompositionGuard {
  private hold: Hold | null = null;
  private releaseTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly syncLocal: ProsemirrorBinding["_prosemirrorChanged"];

  constructor(
    private readonly view: EditorView,
    private readonly binding: ProsemirrorBinding,
  ) {
    this.syncLocal = binding._prosemirrorChanged.bind(binding);
    binding._prosemirrorChanged = (doc) => {
      if (!this.hold) this.syncLocal(doc);
    };
    const renderRemote = binding._observeFunction;
    binding.type.unobserveDeep(renderRemote);
    // The binding unobserves `_observeFunction` when destroyed, so the wrapper takes its place.
    binding._observeFunction = (...args: unknown[]) => {
      if (this.hold) this.hold.remoteChanged = true;
      else renderRemote(...args);
    };
    binding.type.observeDeep(binding._observeFunction);
    view.dom.addEventListener("compositionstart", this.onStart);
    view.dom.addEventListener("compositionend", this.onEnd);
  }

  /** Runs after ProseMirror's own handler, which has flushed earlier typing into the (synced) state. */
  private readonly onStart = () => {
    if (this.hold) this.release();
    if (!this.view.composing) return;
    const { doc, selection } = this.view.state;
    const { type, mapping } = this.binding;
    this.hold = {
      base: doc,
      from: selection.from,
      to: selection.to,
      relFrom: absolutePositionToRelativePosition(selection.from, type, mapping),
      relTo: absolutePositionToRelativePosition(selection.to, type, mapping),
      remoteChanged: false,
    };
  };

  private readonly onEnd = () => this.scheduleRelease();

  /** A view update without a composition (blur, a click) also ends the hold. */
  viewUpdated(): void {
    if (this.hold && !this.view.composing) this.scheduleRelease();
  }

  private scheduleRelease(): void {
    if (this.releaseTimer !== undefined) return;
    this.releaseTimer = setTimeout(() => {
      this.releaseTimer = undefined;
      if (this.view.composing) return;
      this.release();
    }, RELEASE_AFTER_END_MS);
  }

  private release(): void {
    clearTimeout(this.releaseTimer);
    this.releaseTimer = undefined;
    const hold = this.hold;
    this.hold = null;
    if (!hold || this.binding.prosemirrorView !== this.view) return;
    const { view, binding } = this;
    const local = view.state.doc;
    if (!hold.remoteChanged) {
      // Nobody else wrote meanwhile: the editor holds the whole truth; an empty transaction lets y-tiptap
      // sync it the usual way (undo capture, no echo).
      if (!local.eq(hold.base)) view.dispatch(view.state.tr);
      return;
    }
    const change = localChange(hold.base, local);
    const localSelection = view.state.selection;
    binding._forceRerender();
    // If someone deleted the place meanwhile, the text still lands near it, as Yjs keeps concurrent inserts.
    const at = (relative: unknown) =>
      relativePositionToAbsolutePosition(binding.doc, binding.type, relative, binding.mapping);
    const fromNow = at(hold.relFrom) ?? hold.from;
    const toNow = at(hold.relTo) ?? fromNow;
    if (!change) {
      // A cancelled composition: the caret goes back to where it began, wherever others' text moved it.
      const caret = TextSelection.near(
        view.state.doc.resolve(Math.min(fromNow, view.state.doc.content.size)),
      );
      view.dispatch(view.state.tr.setSelection(caret).setMeta("addToHistory", false));
      return;
    }
    const replay = replayOnto(hold, local, change, view.state.doc, fromNow, toNow);
    const tr = view.state.tr;
    try {
      tr.replace(replay.from, replay.to, replay.slice);
    } catch {
      // The slice does not fit there (the structure changed): keep at least the text, in the nearest line.
      const near = TextSelection.near(tr.doc.resolve(replay.from)).from;
      tr.insertText(local.textBetween(change.start, change.endLocal, "\n"), near);
    }
    const anchor = replay.mapInside(localSelection.anchor);
    const head = replay.mapInside(localSelection.head);
    if (anchor != null && head != null) tr.setSelection(TextSelection.create(tr.doc, anchor, head));
    // A normal local transaction: y-tiptap writes it to Yjs, the undo manager records it.
    view.dispatch(tr);
  }

  destroy(): void {
    clearTimeout(this.releaseTimer);
    this.view.dom.removeEventListener("compositionstart", this.onStart);
    this.view.dom.removeEventListener("compositionend", this.onEnd);
  }
}

/** Must come after Collaboration (whose sync plugin creates the binding this guards). */
export const CompositionHold = Extension.create({
  name: "compositionHold",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("compositionHold"),
        view(view) {
          const binding = ySyncPluginKey.getState(view.state)?.binding as ProsemirrorBinding | undefined;
          if (!binding) return {};
          const guard = new CompositionGuard(view, binding);
          return { update: () => guard.viewUpdated(), destroy: () => guard.destroy() };
        },
      }),
    ];
  },
});
