import { useCallback, useEffect, useRef, useState } from "react";
import { type ApiFailure, apiRequest, asFailure } from "./request";

export type Resource<T> =
  | { state: "loading" }
  | { state: "ready"; data: T }
  | { state: "failed"; failure: ApiFailure };

/**
 * GETs `path` and keeps the answer; `reload()` refreshes in the background (the last data stays shown
 * while refreshing). A failed refresh after a success keeps the data: a blip must not blank the page.
 */
export function useResource<T>(path: string | null): [Resource<T>, () => Promise<void>] {
  const [resource, setResource] = useState<Resource<T>>({ state: "loading" });
  const current = useRef(path);
  current.current = path;
  const hasData = useRef(false);

  const load = useCallback(async () => {
    if (path === null) return;
    try {
      const data = await apiRequest<T>("GET", path);
      if (current.current !== path) return;
      hasData.current = true;
      setResource({ state: "ready", data });
    } catch (error) {
      if (current.current !== path) return;
      const failure = asFailure(error);
      // Access problems always show; a network blip keeps what is on screen.
      if (hasData.current && failure.code === "network") return;
      setResource({ state: "failed", failure });
    }
  }, [path]);

  useEffect(() => {
    hasData.current = false;
    setResource({ state: "loading" });
    void load();
  }, [load]);

  return [resource, load];
}
