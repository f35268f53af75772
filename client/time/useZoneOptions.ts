import { useCallback, useEffect, useRef, useState } from "react";
import { allTimeZones } from "./timeZones";
import { sortZoneOptions, type ZoneOption, zoneOption } from "./zoneNames";

// Naming ~420 zones takes Intl 0.4-1 s in Chromium on a busy 2-core machine, more on a phone: it is
// done in slices between frames, once per language and day (offsets change with summer time).
const SLICE_MS = 8;
const built = new Map<string, ZoneOption[]>();

/**
 * The zone picker's options: at first only the current zone's (so the screen paints at once), then
 * every zone once named in the background. `complete()` finishes at once, for a picker about to open.
 */
export function useZoneOptions(
  locale: string,
  current: string,
): { options: ZoneOption[]; complete: () => void } {
  const key = `${locale}|${new Date().toDateString()}`;
  const [options, setOptions] = useState<ZoneOption[] | null>(() => built.get(key) ?? null);
  const finish = useRef<() => void>(() => {});

  useEffect(() => {
    const ready = built.get(key);
    if (ready) {
      setOptions(ready);
      return;
    }
    setOptions(null);
    const zones = allTimeZones();
    const at = Date.now();
    const named: ZoneOption[] = [];
    let index = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = () => {
      clearTimeout(timer);
      const sorted = sortZoneOptions(named, locale);
      built.set(key, sorted);
      setOptions(sorted);
      finish.current = () => {};
    };
    const slice = () => {
      const until = performance.now() + SLICE_MS;
      while (index < zones.length && performance.now() < until)
        named.push(zoneOption(zones[index++] ?? "UTC", locale, at));
      if (index < zones.length) timer = setTimeout(slice, 0);
      else done();
    };
    finish.current = () => {
      while (index < zones.length) named.push(zoneOption(zones[index++] ?? "UTC", locale, at));
      done();
    };
    timer = setTimeout(slice, 0);
    return () => {
      clearTimeout(timer);
      finish.current = () => {};
    };
  }, [key, locale]);

  const complete = useCallback(() => finish.current(), []);
  return { options: options ?? [zoneOption(current, locale)], complete };
}
