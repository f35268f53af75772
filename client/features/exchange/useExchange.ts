import { useEffect } from "react";
import { api } from "../../../shared/api/paths";
import type { ExchangeView } from "../../../shared/api/responses";
import { onReturn } from "../../api/focusOnVisible";
import { type Resource, useResource } from "../../api/useResource";

const REFRESH_MS = 10_000;

/** The exchange home's data, refreshed every few seconds and when the reader comes back to the tab. */
export function useExchange(exchangeId: string): [Resource<ExchangeView>, () => Promise<void>] {
  const [view, reload] = useResource<ExchangeView>(api.exchange(exchangeId));
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") void reload();
    }, REFRESH_MS);
    const stop = onReturn(() => void reload());
    return () => {
      clearInterval(timer);
      stop();
    };
  }, [reload]);
  return [view, reload];
}
