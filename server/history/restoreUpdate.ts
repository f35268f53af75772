import * as Y from "yjs";
import { DocumentLayout } from "../../shared/schema/documentLayout";

/**
 * The change that turns `current` (the live document) into `target` (a version's content), made under
 * `clientId`: everything now in the document is deleted and the version's content inserted again, in
 * one update. Applied to the live room like anyone's change, so every connected client follows it and
 * offline edits made meanwhile merge on top (they are never lost, only placed among deleted text or
 * beside the restored text, as Yjs merges).
 *
 * Rich text lives in XmlFragments; other top-level types (an agenda's maps) are Y.Maps: keys the
 * version lacks are deleted, the others set to the version's values (Yjs types cloned).
 */
export function restoreUpdate(current: Y.Doc, target: Y.Doc, clientId: number): Uint8Array | null {
  const work = new Y.Doc();
  work.clientID = clientId;
  try {
    Y.applyUpdate(work, Y.encodeStateAsUpdate(current));
    const before = Y.encodeStateVector(work);
    const names = new Set([...target.share.keys(), ...work.share.keys(), DocumentLayout.content]);
    work.transact(() => {
      for (const name of names) {
        if (isFragment(name, target, work))
          restoreFragment(work.getXmlFragment(name), target.getXmlFragment(name));
        else restoreMap(work.getMap(name), target.getMap(name));
      }
    });
    const update = Y.encodeStateAsUpdate(work, before);
    const { structs, ds } = Y.decodeUpdate(update);
    return structs.length === 0 && ds.clients.size === 0 ? null : update;
  } finally {
    work.destroy();
  }
}

/** A top-level type is a list (fragment) when either side has list content; maps hold keys only. */
function isFragment(name: string, ...docs: Y.Doc[]): boolean {
  if (name === DocumentLayout.content) return true;
  return docs.some((doc) => {
    const type = doc.share.get(name);
    return type !== undefined && type._start !== null;
  });
}

function restoreFragment(live: Y.XmlFragment, version: Y.XmlFragment): void {
  if (live.length > 0) live.delete(0, live.length);
  const copies = version.toArray().map((node) => node.clone());
  if (copies.length > 0) live.insert(0, copies as Array<Y.XmlElement | Y.XmlText>);
}

function restoreMap(live: Y.Map<unknown>, version: Y.Map<unknown>): void {
  for (const key of [...live.keys()]) if (!version.has(key)) live.delete(key);
  for (const [key, value] of version.entries()) {
    if (value instanceof Y.AbstractType) live.set(key, value.clone());
    else if (JSON.stringify(live.get(key)) !== JSON.stringify(value)) live.set(key, value);
  }
}
