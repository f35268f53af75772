import { useCallback, useEffect, useState } from "react";
import type * as Y from "yjs";
import { DocumentLayout, MAX_TITLE_LENGTH } from "../../../shared/schema/documentLayout";

/**
 * The document title, shared through the Y.Doc. Edits are applied as the smallest splice
 * (common prefix and suffix kept) so two people typing in the title merge instead of overwrite.
 */
export function useDocumentTitle(doc: Y.Doc): [string, (next: string) => void] {
  const text = doc.getText(DocumentLayout.title);
  const [title, setTitle] = useState(() => text.toString());

  useEffect(() => {
    const onChange = () => setTitle(text.toString());
    onChange();
    text.observe(onChange);
    return () => text.unobserve(onChange);
  }, [text]);

  const update = useCallback(
    (next: string) => {
      const value = next.replace(/[\r\n]+/g, " ").slice(0, MAX_TITLE_LENGTH);
      const current = text.toString();
      if (value === current) return;
      let start = 0;
      while (start < current.length && start < value.length && current[start] === value[start]) start++;
      let end = 0;
      while (
        end < current.length - start &&
        end < value.length - start &&
        current[current.length - 1 - end] === value[value.length - 1 - end]
      ) {
        end++;
      }
      doc.transact(() => {
        text.delete(start, current.length - start - end);
        text.insert(start, value.slice(start, value.length - end));
      });
    },
    [doc, text],
  );

  return [title, update];
}
