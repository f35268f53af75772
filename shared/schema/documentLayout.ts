/**
 * Layout of a rich-text document's Y.Doc, defined once for the client editor and the server
 * (exports, search, seeding). Changing a name orphans existing content: add, never rename.
 * The title is not here: it is document metadata, kept (and renamed) in the database.
 */
export const DocumentLayout = {
  /** Y.XmlFragment bound by Tiptap's Collaboration extension. */
  content: "content",
} as const;
