/**
 * Layout of a rich-text document's Y.Doc, defined once for the client editor and the server
 * (exports, search, seeding). Changing a name orphans existing content: add, never rename.
 */
export const DocumentLayout = {
  /** Y.XmlFragment bound by Tiptap's Collaboration extension. */
  content: "content",
  /** Y.Text holding the document title (plain text, one line). */
  title: "title",
} as const;

/** Longest title kept, in UTF-16 code units; longer input is cut. */
export const MAX_TITLE_LENGTH = 200;
