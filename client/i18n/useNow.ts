import { useEffect, useState } from "react";

/**
 * The current time, refreshed on every whole `stepMs` of the clock (each minute by default), so a
 * clock on screen turns with the reader's own and relative times ("2 minutes ago") stay true.
 */
export function useNow(stepMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      // A few ms past the boundary, so the new minute has begun when it renders.
      timer = setTimeout(
        () => {
          setNow(Date.now());
          schedule();
        },
        stepMs - (Date.now() % stepMs) + 5,
      );
    };
    schedule();
    return () => clearTimeout(timer);
  }, [stepMs]);
  return now;
}
