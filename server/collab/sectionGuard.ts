import * as Y from "yjs";
import { DocumentLayout, TemplateLayout } from "../../shared/schema/documentLayout";

/** The parts of a decoded update the guard reads (see inspectUpdate). */
interface DecodedUpdate {
  structs: ReturnType<typeof Y.decodeUpdate>["structs"];
  deleteSet: ReturnType<typeof Y.decodeUpdate>["ds"];
}

/**
 * The structure of a document made from a template is the server's: its template map (written once, when
 * the document was created) and its section elements (the answer spaces). The editor never deletes them
 * (client/editor/templateSectionGuard); an update that does anyway was crafted or comes from a broken client,
 * and is refused whole, like a read-only connection's, so the document stays intact for everyone else.
 *
 * Cheap on the hot path: plain documents (no template map) cost one lookup; a templated document's update
 * that deletes nothing and does not write to the map costs a pass over its structs' parents only.
 */
export function breaksTemplateStructure(doc: Y.Doc, decoded: DecodedUpdate, deletes: boolean): boolean {
  const map = doc.share.get(DocumentLayout.template);
  if (!map || map._map.size === 0) return false;
  // Writing into the template map is the server's alone. A new key names its root (a decoded update's
  // parent is the root's name); replacing a key deletes the old entry, caught below.
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Item && (struct.parent as unknown) === DocumentLayout.template) return true;
  }
  if (!deletes) return false;
  const ds = decoded.deleteSet;
  for (const item of map._map.values()) if (!item.deleted && Y.isDeleted(ds, item.id)) return true;
  const content = doc.share.get(DocumentLayout.content);
  for (let item = content?._start ?? null; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
    const element = item.content.type;
    if (
      element instanceof Y.XmlElement &&
      element.nodeName === TemplateLayout.sectionNode &&
      Y.isDeleted(ds, item.id)
    ) {
      return true;
    }
  }
  return false;
}
