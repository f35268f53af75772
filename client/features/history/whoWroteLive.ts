import type { Editor } from "@tiptap/core";
import type { i18n, TFunction } from "i18next";
import type * as Y from "yjs";
import type { WhoWroteMap } from "../../../shared/api/history";
import type { RoomAddress } from "../../../shared/protocol/roomName";
import { DocumentLayout } from "../../../shared/schema/documentLayout";
import { whoWroteWhat, whoWroteWhatKey } from "../../editor/whoWroteWhat";
import { installStyles } from "../../ui/lazyStyles";
import { historyApi } from "./historyApi";
import { loadHistoryStrings } from "./historyStrings";
import { showAuthor } from "./people";
import whoWroteCss from "./whoWrote.css?inline";

// Its styles travel with this lazy chunk (client/ui/lazyStyles).
installStyles("who-wrote-styles", whoWroteCss);

/** New client ids are looked up at most this often (text from anonymous ids is never in the map). */
const REFRESH_MS = 10_000;

/**
 * Turns on "who wrote what" in the live editor of this page: fetches the server's map of client ids
 * to authors and adds the tinting plugin. Returns the function that turns it off.
 */
export async function startWhoWroteWhat(
  room: RoomAddress,
  doc: Y.Doc,
  t: TFunction,
  instance: i18n,
): Promise<() => void> {
  await loadHistoryStrings(instance);
  const element = document.querySelector<HTMLElement & { editor?: Editor }>(
    ".collab-editor__content:not(.history-doc__content)",
  );
  const editor = element?.editor;
  if (!editor || editor.isDestroyed) throw new Error("no live editor");
  const api = historyApi(room);
  let map: WhoWroteMap = await api.authors();
  let lastRefresh = Date.now();
  let stopped = false;
  const install = () => {
    if (stopped || editor.isDestroyed) return;
    editor.unregisterPlugin(whoWroteWhatKey);
    editor.registerPlugin(
      whoWroteWhat({
        fragment: doc.getXmlFragment(DocumentLayout.content),
        tintOf: (clientId) => {
          const author = map.clients[String(clientId)];
          if (!author) return null;
          const shown = showAuthor(author, map, t);
          return { color: shown.color, label: `${shown.name} · ${shown.delegation}` };
        },
        onUnknownClient: () => {
          if (Date.now() - lastRefresh < REFRESH_MS) return;
          lastRefresh = Date.now();
          void api.authors().then(
            (next) => {
              map = next;
              install();
            },
            () => {},
          );
        },
      }),
    );
  };
  install();
  return () => {
    stopped = true;
    if (!editor.isDestroyed) editor.unregisterPlugin(whoWroteWhatKey);
  };
}
