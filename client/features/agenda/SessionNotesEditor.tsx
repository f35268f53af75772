import Collaboration from "@tiptap/extension-collaboration";
import { EditorContent, useEditor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";

/**
 * A session's rich-text notes, bound to its own Y.XmlFragment: typed straight into the shared
 * agenda (as in the main editor, nothing waits for Save), merged character by character.
 */
export default function SessionNotesEditor({
  fragment,
  editable,
  labelId,
}: {
  fragment: Y.XmlFragment;
  editable: boolean;
  labelId: string;
}) {
  const { t } = useTranslation("agenda");
  const editor = useEditor(
    {
      extensions: [
        // Collaboration brings Yjs undo (this person's typing only).
        StarterKit.configure({ undoRedo: false, link: { openOnClick: false } }),
        Collaboration.configure({ fragment }),
      ],
      editable,
      editorProps: {
        attributes: {
          role: "textbox",
          "aria-multiline": "true",
          "aria-labelledby": labelId,
          class: "agenda-notes-editor__content",
        },
      },
    },
    [fragment],
  );
  useEffect(() => {
    if (!editor.isDestroyed && editor.isEditable !== editable) editor.setEditable(editable, false);
  }, [editor, editable]);
  return (
    <div className="agenda-notes-editor" data-placeholder={t("notesPlaceholder")}>
      <EditorContent editor={editor} />
    </div>
  );
}
