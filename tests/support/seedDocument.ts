import * as Y from "yjs";
import { DocumentLayout } from "../../shared/schema/documentLayout";
import { connectClient } from "./collabClient";

/** A Y.Doc whose editor content is `paragraphs` (as the editor stores paragraphs). */
export function paragraphsDoc(paragraphs: readonly string[]): Y.Doc {
  const doc = new Y.Doc();
  const content = doc.getXmlFragment(DocumentLayout.content);
  content.push(
    paragraphs.map((text) => {
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText(text)]);
      return paragraph;
    }),
  );
  return doc;
}

/**
 * Writes `doc` into a room through the server, as a page of a member would, and returns once a
 * second client syncing afresh gets all of it back (so the server holds it).
 */
export async function seedDocument(wsUrl: string, room: string, cookie: string, doc: Y.Doc): Promise<void> {
  const writer = connectClient(wsUrl, room, { cookie, doc });
  try {
    await writer.synced();
    const expected = Y.encodeStateVector(doc);
    for (let attempt = 0; attempt < 100; attempt++) {
      const reader = connectClient(wsUrl, room, { cookie });
      await reader.synced();
      const got = Y.encodeStateVector(reader.doc);
      reader.destroy();
      if (Buffer.from(got).equals(Buffer.from(expected))) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the server did not take the seeded document of ${room}`);
  } finally {
    writer.destroy();
  }
}
