import { EditorContent, useEditor } from "@tiptap/react";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import type { PresenceUser } from "../../shared/protocol/presenceUser";
import { caretRenderer } from "./caret";
import { createCaretActivity } from "./caretActivity";
import { buildExtensions } from "./extensions";
import { FormattingToolbar } from "./FormattingToolbar";
import { LinkPopover } from "./LinkPopover";
import { guardReadOnly } from "./readOnlyGuard";
import "./editor.css";
import "./carets.css";

export interface CollaborativeEditorProps {
  doc: Y.Doc;
  provider: { awareness: unknown };
  user: PresenceUser;
  /** False for observers and archived documents: the text can be read and selected, not changed. */
  editable: boolean;
  /** Someone typed into the read-only editor anyway (forced through the page): see readOnlyGuard. */
  onRefusedEdit?: () => void;
}

/**
 * The rich-text editor bound to a document's Y.Doc: toolbar, link popover and content.
 * Content comes only from Yjs (never `content:`), so every client sees the same document.
 */
export function CollaborativeEditor({
  doc,
  provider,
  user,
  editable,
  onRefusedEdit,
}: CollaborativeEditorProps) {
  const { t } = useTranslation("editor");
  const [linkOpen, setLinkOpen] = useState(false);
  const linkButtonRef = useRef<HTMLButtonElement>(null);
  // Extensions are built once per document; they read the current text through this ref.
  const placeholderRef = useRef(t("placeholder"));
  placeholderRef.current = t("placeholder");
  const openLink = useCallback(() => setLinkOpen(true), []);
  // Who is typing or moving now: their caret's name shows, then fades.
  const activity = useMemo(() => createCaretActivity(doc, provider.awareness as Awareness), [doc, provider]);
  useEffect(() => activity.start(), [activity]);

  const editor = useEditor(
    {
      extensions: buildExtensions({
        doc,
        provider,
        user,
        placeholder: () => placeholderRef.current,
        onLinkRequest: openLink,
        renderCaret: caretRenderer(activity),
      }),
      editable,
      editorProps: { attributes: editorAttributes(t("contentLabel"), editable) },
    },
    [doc, provider],
  );

  // A language switch re-labels the editor and redraws the placeholder, unless an IME is composing.
  useLayoutEffect(() => {
    if (editor.isDestroyed) return;
    editor.setOptions({ editorProps: { attributes: editorAttributes(t("contentLabel"), editable) } });
    // Access can change live (a role change, an archive): switch without remounting the editor.
    if (editor.isEditable !== editable) editor.setEditable(editable, false);
    if (!editor.view.composing) editor.view.dispatch(editor.state.tr.setMeta("addToHistory", false));
  }, [editor, t, editable]);

  const pageRef = useRef<HTMLDivElement>(null);
  const editableRef = useRef(editable);
  editableRef.current = editable;
  const onRefusedEditRef = useRef(onRefusedEdit);
  onRefusedEditRef.current = onRefusedEdit;
  useEffect(() => {
    const page = pageRef.current;
    if (!page) return;
    return guardReadOnly(
      page,
      () => !editableRef.current,
      () => onRefusedEditRef.current?.(),
    );
  }, []);

  const closeLink = useCallback(() => setLinkOpen(false), []);
  useEffect(() => {
    if (!linkOpen) return;
    const button = linkButtonRef.current;
    return () => {
      // Only return focus to the button when the popover closed by itself losing focus.
      if (document.activeElement === document.body) button?.focus();
    };
  }, [linkOpen]);

  return (
    <div className={editable ? "collab-editor" : "collab-editor collab-editor--read-only"}>
      {editable ? (
        <div className="collab-editor__toolbar">
          <FormattingToolbar
            editor={editor}
            linkOpen={linkOpen}
            onLinkRequest={openLink}
            linkButtonRef={linkButtonRef}
          />
          {linkOpen ? <LinkPopover editor={editor} onClose={closeLink} /> : null}
        </div>
      ) : null}
      <div className="collab-editor__page" ref={pageRef}>
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}

// Setting attributes replaces Tiptap's own, so the textbox role is restated here.
function editorAttributes(label: string, editable: boolean): Record<string, string> {
  return {
    role: "textbox",
    "aria-label": label,
    "aria-multiline": "true",
    "aria-readonly": editable ? "false" : "true",
    class: "collab-editor__content",
    spellcheck: "true",
  };
}
