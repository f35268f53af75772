/** Keyboard shortcuts as Tiptap names them ("Mod" = Cmd on Apple platforms, Ctrl elsewhere). */
export const SHORTCUTS = {
  paragraph: "Mod-Alt-0",
  heading1: "Mod-Alt-1",
  heading2: "Mod-Alt-2",
  heading3: "Mod-Alt-3",
  bold: "Mod-b",
  italic: "Mod-i",
  underline: "Mod-u",
  strike: "Mod-Shift-s",
  bulletList: "Mod-Shift-8",
  orderedList: "Mod-Shift-7",
  taskList: "Mod-Shift-9",
  link: "Mod-k",
  blockquote: "Mod-Shift-b",
  undo: "Mod-z",
  redo: "Mod-Shift-z",
} as const;

export type ShortcutName = keyof typeof SHORTCUTS;

const APPLE = /Mac|iPhone|iPad/;

/** A shortcut as people read it on this platform: "⌘⇧S" on a Mac, "Ctrl+Shift+S" elsewhere. */
export function formatShortcut(shortcut: string, platform: string): string {
  const apple = APPLE.test(platform);
  const parts = shortcut.split("-").map((part) => {
    if (part === "Mod") return apple ? "⌘" : "Ctrl";
    if (part === "Alt") return apple ? "⌥" : "Alt";
    if (part === "Shift") return apple ? "⇧" : "Shift";
    return part.toUpperCase();
  });
  return parts.join(apple ? "" : "+");
}

/** The aria-keyshortcuts form of a shortcut ("Control+Shift+S"). */
export function ariaShortcut(shortcut: string, platform: string): string {
  return shortcut
    .split("-")
    .map((part) =>
      part === "Mod"
        ? APPLE.test(platform)
          ? "Meta"
          : "Control"
        : part.length === 1
          ? part.toUpperCase()
          : part,
    )
    .join("+");
}
