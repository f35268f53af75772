import { useCallback, useEffect, useRef, useState } from "react";
import { navigate } from "../../navigation/history";

/**
 * Unsaved changes are not lost by accident: while `dirty`, leaving the screen (a link in the app, the
 * browser's back button, Cancel) asks first, and closing or reloading the tab gets the browser's own
 * question. `pending` is the place the reader wanted to go while the question is open.
 */
export function useLeaveGuard(dirty: boolean): {
  pending: string | null;
  /** Go there, asking first when there are unsaved changes. */
  leaveTo: (path: string) => void;
  confirm: () => void;
  cancel: () => void;
  /** Leave without asking (after saving). */
  release: () => void;
} {
  const [pending, setPendingState] = useState<string | null>(null);
  const pendingRef = useRef<string | null>(null);
  const setPending = useCallback((path: string | null) => {
    pendingRef.current = path;
    setPendingState(path);
  }, []);
  const guarded = useRef(dirty);
  guarded.current = dirty;

  useEffect(() => {
    const here = () => `${window.location.pathname}${window.location.search}`;
    let current = here();
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!guarded.current) return;
      event.preventDefault();
      event.returnValue = "";
    };
    // Before AppLink's handler (React's, on the root): a plain click on an in-app link.
    const onClick = (event: MouseEvent) => {
      if (!guarded.current || event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element | null)?.closest?.("a[href]");
      if (!(link instanceof HTMLAnchorElement) || link.hasAttribute("download") || link.target) return;
      const url = new URL(link.href);
      if (url.origin !== window.location.origin) return;
      event.preventDefault();
      setPending(`${url.pathname}${url.search}`);
    };
    // Back or forward: the address has already changed; put this screen's back, then ask.
    const onPopState = (event: PopStateEvent) => {
      if (!guarded.current) {
        current = here();
        return;
      }
      const target = here();
      event.stopImmediatePropagation();
      window.history.pushState(null, "", current);
      setPending(target);
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    window.addEventListener("popstate", onPopState, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
      window.removeEventListener("popstate", onPopState, true);
    };
  }, [setPending]);

  const leaveTo = useCallback(
    (path: string) => {
      if (guarded.current) setPending(path);
      else navigate(path);
    },
    [setPending],
  );
  const release = useCallback(() => {
    guarded.current = false;
  }, []);
  const confirm = useCallback(() => {
    const path = pendingRef.current;
    guarded.current = false;
    setPending(null);
    if (path !== null) navigate(path);
  }, [setPending]);
  const cancel = useCallback(() => setPending(null), [setPending]);
  return { pending, leaveTo, confirm, cancel, release };
}
