import { EditorContent, useEditor } from "@tiptap/react";
import { useEffect, useRef } from "react";
import type { HistoryChangeAttrs, HistoryNode } from "../../../shared/api/history";
import { jsonExtensions } from "./staticEditor";

/**
 * A document given as ProseMirror JSON (a comparison, a replay step), read-only, with the editor's own
 * schema and look, and changes marked in their delegation's colour.
 */
export function JsonDocument({
  doc,
  label,
  describe,
  className,
}: {
  doc: HistoryNode;
  label: string;
  describe: (attrs: HistoryChangeAttrs) => { color: string; label: string };
  className?: string;
}) {
  const describeRef = useRef(describe);
  describeRef.current = describe;
  const editor = useEditor({
    extensions: jsonExtensions((attrs) => describeRef.current(attrs)),
    content: doc,
    editable: false,
    editorProps: { attributes: attributes(label) },
  });
  useEffect(() => {
    if (!editor.isDestroyed) editor.commands.setContent(doc, { emitUpdate: false });
  }, [editor, doc]);
  useEffect(() => {
    if (!editor.isDestroyed) editor.setOptions({ editorProps: { attributes: attributes(label) } });
  }, [editor, label]);
  return (
    <div
      className={["collab-editor collab-editor--read-only history-doc", className].filter(Boolean).join(" ")}
    >
      <div className="collab-editor__page">
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}

function attributes(label: string): Record<string, string> {
  return {
    role: "document",
    "aria-label": label,
    class: "collab-editor__content history-doc__content",
  };
}
