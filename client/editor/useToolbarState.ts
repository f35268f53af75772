import { type Editor, useEditorState } from "@tiptap/react";

/** What the toolbar shows as pressed/enabled, recomputed only when one of these values changes. */
export interface ToolbarState {
  paragraph: boolean;
  heading1: boolean;
  heading2: boolean;
  heading3: boolean;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  bulletList: boolean;
  orderedList: boolean;
  taskList: boolean;
  link: boolean;
  blockquote: boolean;
  inTable: boolean;
  canUndo: boolean;
  canRedo: boolean;
}

export function useToolbarState(editor: Editor): ToolbarState {
  return useEditorState({
    editor,
    selector: ({ editor: e }): ToolbarState => ({
      paragraph:
        e.isActive("paragraph") &&
        !e.isActive("taskList") &&
        !e.isActive("bulletList") &&
        !e.isActive("orderedList"),
      heading1: e.isActive("heading", { level: 1 }),
      heading2: e.isActive("heading", { level: 2 }),
      heading3: e.isActive("heading", { level: 3 }),
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      underline: e.isActive("underline"),
      strike: e.isActive("strike"),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
      taskList: e.isActive("taskList"),
      link: e.isActive("link"),
      blockquote: e.isActive("blockquote"),
      inTable: e.isActive("table"),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
    equalityFn: (a, b) =>
      b !== null && (Object.keys(a) as Array<keyof ToolbarState>).every((key) => a[key] === b[key]),
  });
}
