import { useEffect, useRef } from "react";

/**
 * On arriving at a screen, puts focus where the reader acts next (a heading, the editor) as soon as
 * that element exists: screens and the editor load asynchronously. Only while focus is nowhere, i.e.
 * on the body, where it falls when the clicked link or button went away with the previous screen:
 * it never takes focus from something the reader has focused in the meantime.
 */
export function useArrivalFocus(find: () => HTMLElement | null, active = true, timeoutMs = 15_000): void {
  const findRef = useRef(find);
  findRef.current = find;
  const done = useRef(false);

  useEffect(() => {
    if (!active || done.current) return;
    const attempt = (): boolean => {
      const current = document.activeElement;
      if (current && current !== document.body) return true;
      const target = findRef.current();
      if (!target) return false;
      target.focus({ preventScroll: true });
      return true;
    };
    if (attempt()) {
      done.current = true;
      return;
    }
    const stop = () => {
      observer.disconnect();
      clearTimeout(timer);
    };
    const observer = new MutationObserver(() => {
      if (!attempt()) return;
      done.current = true;
      stop();
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    const timer = setTimeout(stop, timeoutMs);
    return stop;
  }, [active, timeoutMs]);
}
