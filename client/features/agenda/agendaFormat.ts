/** Dates, times and durations of the agenda, written by Intl in the reader's formatting locale. */

import { formatHoursAndMinutes } from "../../time/formatDuration";

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

/** "09:00–10:30" / "09:00 – 10:30" / "上午9:00至10:30" in `zone`. */
export function timeRange(start: number, end: number, zone: string, locale: string): string {
  return formatter(locale, { timeZone: zone, hour: "numeric", minute: "2-digit" }).formatRange(start, end);
}

/** "09:00" in `zone`. */
export function timeOf(instant: number, zone: string, locale: string): string {
  return formatter(locale, { timeZone: zone, hour: "numeric", minute: "2-digit" }).format(instant);
}

/** "Sun 29 Mar" / "dom., 29 de mar." / "3月29日周日": a short date, for a time that falls on another day. */
export function shortDate(instant: number, zone: string, locale: string): string {
  return formatter(locale, { timeZone: zone, weekday: "short", day: "numeric", month: "short" }).format(
    instant,
  );
}

/** "Sunday 29 March 2026" for a calendar date ("2026-03-29"). */
export function dayTitle(date: string, locale: string): string {
  // Noon UTC of that date, written in UTC: the same calendar day in every locale.
  return formatter(locale, {
    timeZone: "UTC",
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(Date.parse(`${date}T12:00:00Z`));
}

/** "1 hr, 30 min" / "1 h e 30 min" / "1小时30分钟" for a span of milliseconds, to the nearest minute. */
export function duration(ms: number, locale: string): string {
  return formatHoursAndMinutes(Math.round(ms / 60_000), locale, "short");
}

/** A language's name in the reader's language ("Portuguese (Brazil)", "中文（中国）"); the tag if unknown. */
export function languageName(tag: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** A list in the reader's language ("A, B and C" / "A, B e C" / "A、B和C"). */
export function list(items: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(items);
}
