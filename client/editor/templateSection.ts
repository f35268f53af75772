import { Extension, Node } from "@tiptap/core";
import type { i18n as I18n } from "i18next";
import type * as Y from "yjs";
import { TemplateLayout } from "../../shared/schema/documentLayout";
import {
  caretOf,
  clearAcrossSections,
  emptyLineInSection,
  guardSectionsPlugin,
  sectionBoundaryKey,
} from "./templateSectionGuard";
import { TemplateSectionView } from "./templateSectionView";
import "./templateSection.css";

export interface TemplateSectionOptions {
  /** The document: its `template` map holds the texts the headers show. */
  doc: Y.Doc | null;
  /** The app's i18next instance: the reader's language, and its changes. */
  i18n: I18n | null;
}

/**
 * One answer space of a document made from a template (shared/schema/documentLayout.ts): written by the
 * server, never created or removed by editing. Its prompt is drawn by the node view, not stored as text.
 */
export const TemplateSection = Node.create<TemplateSectionOptions>({
  name: TemplateLayout.sectionNode,
  group: "block",
  content: "block+",
  // Backspace, Delete and lifts stop at its edges; pasted content keeps to the answer it lands in.
  isolating: true,
  defining: true,
  selectable: false,
  draggable: false,

  addOptions() {
    return { doc: null, i18n: null };
  },

  addAttributes() {
    return {
      [TemplateLayout.sectionIdAttribute]: { default: "", rendered: false },
      [TemplateLayout.pairIndexAttribute]: { default: null, rendered: false },
    };
  },

  // Never parsed from HTML: pasting a copied section pastes its answer, not a second section.
  parseHTML() {
    return [];
  },

  renderHTML({ node }) {
    return ["section", { "data-template-section": node.attrs.sectionId }, 0];
  },

  addNodeView() {
    const { doc, i18n } = this.options;
    if (!doc || !i18n) return null;
    return ({ node }) => new TemplateSectionView(node, { doc, i18n });
  },
});

/**
 * Keeps sections whole while answers stay editable: refuses any change that adds, removes, splits, joins or
 * moves a section (remote changes from Yjs excepted) and turns deletions across sections into deletions
 * inside each. Runs before the editor's own key bindings.
 */
export const TemplateSectionGuard = Extension.create({
  name: "templateSectionGuard",
  priority: 1000,

  addKeyboardShortcuts() {
    const clear = () => clearAcrossSections(this.editor.state, this.editor.view.dispatch);
    return {
      Backspace: clear,
      Delete: clear,
      "Mod-Backspace": clear,
      "Mod-Delete": clear,
      // An empty line in an answer: a new line below it, where the editor would lift it out of the section.
      Enter: () => emptyLineInSection(this.editor.state, this.editor.view.dispatch),
    };
  },

  addProseMirrorPlugins() {
    return [guardSectionsPlugin()];
  },
});

/**
 * The last word on Backspace and Delete at a section's edge, after every other binding declined (lists,
 * headings): nothing happens there, where the browser would merge two sections' text.
 */
export const TemplateSectionEdges = Extension.create({
  name: "templateSectionEdges",
  priority: 10,

  addKeyboardShortcuts() {
    const stop = (direction: "backward" | "forward") => () => {
      const { state, view } = this.editor;
      return sectionBoundaryKey(state, direction) || sectionBoundaryKey(state, direction, caretOf(view));
    };
    return { Backspace: stop("backward"), Delete: stop("forward") };
  },
});
