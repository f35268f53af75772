import type { Extensions } from "@tiptap/core";
import { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import { buildExtensions } from "../../editor/extensions";
import { HistoryChange, type HistoryChangeOptions } from "./HistoryChange";

const NOBODY = { participantId: "", name: "", color: "", delegation: null };

/**
 * The document editor's own extensions (same schema and rendering: rich text, tables, task lists,
 * template sections), bound to `doc`, a Y.Doc of its own with no provider: nothing it does reaches
 * the live room.
 */
export function versionExtensions(doc: Y.Doc): Extensions {
  return buildExtensions({
    doc,
    provider: { awareness: new Awareness(doc) },
    user: NOBODY,
    placeholder: () => "",
    onLinkRequest: () => {},
  });
}

/** The same schema without Yjs, for documents given as JSON (compare, replay), plus the change mark. */
export function jsonExtensions(describe: HistoryChangeOptions["describe"]): Extensions {
  const scratch = new Y.Doc();
  return [
    ...versionExtensions(scratch).filter(
      (extension) => extension.name !== "collaboration" && extension.name !== "collaborationCaret",
    ),
    HistoryChange.configure({ describe }),
  ];
}
