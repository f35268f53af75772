import type { Extensions } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { TaskItem, TaskList } from "@tiptap/extension-list";
import { TableKit } from "@tiptap/extension-table";
import { Placeholder } from "@tiptap/extensions";
import StarterKit from "@tiptap/starter-kit";
import { getI18n } from "react-i18next";
import type * as Y from "yjs";
import type { PresenceUser } from "../../shared/protocol/presenceUser";
import { DocumentLayout } from "../../shared/schema/documentLayout";
import { CompositionHold } from "./CompositionHold";
import { renderCaret, renderSelection } from "./caret";
import { LinkShortcut } from "./LinkShortcut";
import { TemplateSection, TemplateSectionEdges, TemplateSectionGuard } from "./templateSection";

export interface EditorSetup {
  doc: Y.Doc;
  /** The y-websocket provider (its awareness carries carets). */
  provider: { awareness: unknown };
  /** This device's presence: the caret extension publishes it. */
  user: PresenceUser;
  /** Read at render time so a language switch shows the new text on the next transaction. */
  placeholder: () => string;
  onLinkRequest: () => void;
  /** Draws collaborators' carets (caret.ts: caretRenderer, whose names show while they type). */
  renderCaret?: (user: Record<string, unknown>) => HTMLElement;
}

/** The document editor's schema and behaviour, composed from one extension per concern. */
export function buildExtensions(setup: EditorSetup): Extensions {
  return [
    // Collaboration brings Yjs undo (only your own changes); the local history would undo others'.
    StarterKit.configure({
      undoRedo: false,
      heading: { levels: [1, 2, 3] },
      link: { openOnClick: false, autolink: true, defaultProtocol: "https" },
    }),
    TaskList,
    TaskItem.configure({ nested: true }),
    TableKit.configure({ table: { resizable: false } }),
    Placeholder.configure({ placeholder: () => setup.placeholder() }),
    Collaboration.configure({ document: setup.doc, field: DocumentLayout.content }),
    CollaborationCaret.configure({
      provider: setup.provider,
      user: setup.user,
      render: setup.renderCaret ?? renderCaret,
      selectionRender: renderSelection,
    }),
    CompositionHold,
    LinkShortcut.configure({ onRequest: setup.onLinkRequest }),
    // After StarterKit, so a paragraph (not a section) stays the block the editor makes by default.
    // Prompts follow the app's UI language (react-i18next's instance, set up by client/i18n/createI18n).
    TemplateSection.configure({ doc: setup.doc, i18n: getI18n() }),
    TemplateSectionGuard,
    TemplateSectionEdges,
  ];
}
