import * as Y from "yjs";
import type { DocumentStorage } from "../storage/DocumentStorage";

/** Where the agenda export reads a document from. */
export interface DocumentSource {
  storage: Pick<DocumentStorage, "loadDocument">;
  /** Resolves once every change made so far is in storage (changes reach it in batches). */
  flush?: () => Promise<void>;
}

/**
 * A private copy of a document as the server holds it: the stored snapshot and the log after it, read
 * once the changes still on their way to the database have reached it (so a download right after an
 * edit has the edit). The copy is the caller's: nothing done to it reaches a room.
 */
export async function readDocument(source: DocumentSource, roomName: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  await source.flush?.();
  const stored = await source.storage.loadDocument(roomName);
  if (stored) {
    Y.transact(doc, () => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    });
  }
  return doc;
}
