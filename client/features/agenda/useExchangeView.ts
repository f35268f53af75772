import { useEffect, useState } from "react";
import { api } from "../../../shared/api/paths";
import type { ExchangeView } from "../../../shared/api/responses";
import { useResource } from "../../api/useResource";

const key = (exchangeId: string) => `mutual.agendaExchange.${exchangeId}`;

/**
 * The exchange's home zone, delegations, people and documents, which the agenda shows. Kept on the
 * device so an agenda opened offline still shows every delegation's times.
 */
export function useExchangeView(exchangeId: string): {
  view: ExchangeView | null;
  failed: boolean;
  retry: () => void;
} {
  const [resource, reload] = useResource<ExchangeView>(api.exchange(exchangeId));
  const [cached] = useState<ExchangeView | null>(() => {
    try {
      const raw = localStorage.getItem(key(exchangeId));
      return raw ? (JSON.parse(raw) as ExchangeView) : null;
    } catch {
      return null;
    }
  });
  useEffect(() => {
    if (resource.state !== "ready") return;
    try {
      localStorage.setItem(key(exchangeId), JSON.stringify(resource.data));
    } catch {
      // Storage full or private mode: online it still works.
    }
  }, [resource, exchangeId]);
  const view = resource.state === "ready" ? resource.data : cached;
  return { view, failed: resource.state === "failed" && !view, retry: () => void reload() };
}
