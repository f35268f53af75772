import * as Y from "yjs";
import type { DocumentStorage } from "../storage/DocumentStorage";

/** Where the agenda export reads a document from. */
export interface DocumentSource {
  storage: Pick<DocumentStorage, "loadDocument">;
  /** The live copy of a room loaded in memory, when there is one (fresher than storage by a batch). */
  live?: (roomName: string) => Promise<Y.Doc | null>;
}

/**
 * A private copy of a document as the server holds it: the loaded room's when it is in memory, else
 * the stored snapshot and the log after it. The copy is the caller's (nothing it does reaches a room).
 */
export async function readDocument(source: DocumentSource, roomName: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const live = source.live ? await source.live(roomName) : null;
  if (live) {
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(live));
    return doc;
  }
  const stored = await source.storage.loadDocument(roomName);
  if (stored) {
    Y.transact(doc, () => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    });
  }
  return doc;
}
