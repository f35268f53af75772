/**
 * Layout of a rich-text document's Y.Doc, defined once for the client editor and the server
 * (exports, search, seeding). Changing a name orphans existing content: add, never rename.
 * The title is not here: it is document metadata, kept (and renamed) in the database.
 */
export const DocumentLayout = {
  /** Y.XmlFragment bound by Tiptap's Collaboration extension. */
  content: "content",
  /**
   * Y.Map present only in documents made from a template; written once by the server when the document is
   * created, never by clients. Documents without it are plain rich text.
   */
  template: "template",
} as const;

/** Keys and names of a templated document's structure. */
export const TemplateLayout = {
  /** Key in the template map: the ReflectionTemplate copy (plain JSON, every language it has). */
  definition: "definition",
  /** Key in the template map (per-pair templates only): TemplatePairEntry[] from the exchange's delegations. */
  pairs: "pairs",
  /**
   * nodeName of the top-level Y.XmlElement of each answer space in "content"; its children are block nodes
   * (at least one paragraph), the answers.
   */
  sectionNode: "templateSection",
  /** Attribute of a section element: the template section's id. */
  sectionIdAttribute: "sectionId",
  /** Attribute of a per-pair section element: index (number) into the "pairs" list. */
  pairIndexAttribute: "pairIndex",
} as const;

/** One entry of the template map's "pairs": learning flows from -> to. */
export interface TemplatePairEntry {
  from: { id: string; name: string };
  to: { id: string; name: string };
}
