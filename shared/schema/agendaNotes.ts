import * as Y from "yjs";

/** A rich-text fragment's text, one line per block (for the list, the print view and the .ics). */
export function notesText(fragment: Y.XmlFragment): string {
  const blocks: string[] = [];
  const textOf = (node: unknown): string => {
    if (node instanceof Y.XmlText) {
      return (node.toDelta() as Array<{ insert: unknown }>)
        .map((op) => (typeof op.insert === "string" ? op.insert : ""))
        .join("");
    }
    if (node instanceof Y.XmlElement) return node.toArray().map(textOf).join("");
    return "";
  };
  const walk = (node: unknown): void => {
    // Lists and quotes hold blocks: each of their paragraphs is a line of its own.
    if (node instanceof Y.XmlElement && node.toArray().some((child) => child instanceof Y.XmlElement)) {
      for (const child of node.toArray()) walk(child);
      return;
    }
    blocks.push(textOf(node));
  };
  for (const child of fragment.toArray()) walk(child);
  return blocks
    .map((line) => line.trim())
    .filter(Boolean)
    .join("\n");
}
