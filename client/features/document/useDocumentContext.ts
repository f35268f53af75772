import { useCallback, useEffect, useState } from "react";
import { api } from "../../../shared/api/paths";
import type { ExchangeView } from "../../../shared/api/responses";
import type { Delegation, DocumentInfo, Exchange, Participant } from "../../../shared/domain";
import type { RoomAddress } from "../../../shared/protocol/roomName";
import { onReturn } from "../../api/focusOnVisible";
import { ApiFailure, apiRequest, asFailure } from "../../api/request";

/** What the document screen needs from the directory: the exchange, the document and who I am. */
export interface DocumentContext {
  exchange: Pick<Exchange, "id" | "title">;
  document: DocumentInfo;
  me: Participant;
  myDelegation: Delegation | null;
}

export type DocumentContextState =
  | { state: "loading" }
  | { state: "ready"; context: DocumentContext; offline: boolean }
  | { state: "failed"; failure: ApiFailure }
  /** Offline on a device that never opened this document online: the local copy is all there is. */
  | { state: "unknown" };

const cacheKey = (room: RoomAddress) => `mutual.documentContext.${room.exchangeId}/${room.documentId}`;

function readCache(room: RoomAddress): DocumentContext | null {
  try {
    const raw = localStorage.getItem(cacheKey(room));
    return raw ? (JSON.parse(raw) as DocumentContext) : null;
  } catch {
    return null;
  }
}

function writeCache(room: RoomAddress, context: DocumentContext): void {
  try {
    localStorage.setItem(cacheKey(room), JSON.stringify(context));
  } catch {
    // Storage full or private mode: the page still works online.
  }
}

/**
 * Loads the document's record and my participant from the exchange view; keeps a copy on the device
 * so the page still opens (with the text from IndexedDB) when offline.
 */
export function useDocumentContext(room: RoomAddress): [DocumentContextState, () => Promise<void>] {
  const [state, setState] = useState<DocumentContextState>({ state: "loading" });
  const { exchangeId, documentId } = room;

  const load = useCallback(async () => {
    const address = { exchangeId, documentId };
    try {
      const view = await apiRequest<ExchangeView>("GET", api.exchange(exchangeId));
      const document = view.documents.find((d) => d.id === documentId);
      if (!document) {
        setState({ state: "failed", failure: new ApiFailure(404, "not_found") });
        return;
      }
      const context: DocumentContext = {
        exchange: { id: view.exchange.id, title: view.exchange.title },
        document,
        me: view.me,
        myDelegation: view.delegations.find((d) => d.id === view.me.delegationId) ?? null,
      };
      writeCache(address, context);
      setState({ state: "ready", context, offline: false });
    } catch (error) {
      const failure = asFailure(error);
      if (failure.code !== "network") {
        setState({ state: "failed", failure });
        return;
      }
      const cached = readCache(address);
      setState((previous) =>
        previous.state === "ready"
          ? { ...previous, offline: true }
          : cached
            ? { state: "ready", context: cached, offline: true }
            : { state: "unknown" },
      );
    }
  }, [exchangeId, documentId]);

  useEffect(() => {
    void load();
    const stop = onReturn(() => void load());
    window.addEventListener("online", load);
    return () => {
      stop();
      window.removeEventListener("online", load);
    };
  }, [load]);

  return [state, load];
}
