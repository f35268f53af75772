import { Extension } from "@tiptap/core";
import { SHORTCUTS } from "./shortcuts";

/** Mod-K opens the link popover (owned by React) instead of a browser prompt. */
export const LinkShortcut = Extension.create<{ onRequest: () => void }>({
  name: "linkShortcut",
  addOptions() {
    return { onRequest: () => {} };
  },
  addKeyboardShortcuts() {
    return {
      [SHORTCUTS.link]: () => {
        if (this.editor.view.composing) return false;
        this.options.onRequest();
        return true;
      },
    };
  },
});
