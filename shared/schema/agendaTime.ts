import { Temporal } from "temporal-polyfill";

/**
 * Time-zone arithmetic for the agenda, through Temporal (temporal-polyfill), which reads the
 * platform's own zone data (Intl): never a fixed offset, so daylight-saving changes and zones that
 * dropped them (Brazil in 2019) come out as the platform knows them.
 */

/** True for an IANA zone this platform knows ("Europe/London"); false for "Mars/Olympus" or "". */
export function isKnownZone(zone: string): boolean {
  // IANA names only: Temporal also takes offsets ("+03:00"), which know nothing of summer time.
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(zone)) return false;
  try {
    Temporal.Now.instant().toZonedDateTimeISO(zone);
    return true;
  } catch {
    return false;
  }
}

/** A wall-clock date and time in a zone: "2026-03-29" and minutes after midnight. */
export interface WallTime {
  date: string;
  minutes: number;
}

/** The instant at which the wall clock in `zone` shows `date` `minutes` (HH*60+MM). */
export function wallToInstant(date: string, minutes: number, zone: string): number {
  const plain = Temporal.PlainDate.from(date, { overflow: "reject" });
  const time = new Temporal.PlainTime(Math.floor(minutes / 60), minutes % 60);
  // "compatible": a time skipped by a spring-forward change (01:30 in London) is read as after the
  // change (02:30 BST), one repeated in autumn as its first occurrence, as calendar applications do.
  // (toZonedDateTime always disambiguates so.)
  return plain.toZonedDateTime({ timeZone: zone, plainTime: time }).epochMilliseconds;
}

/** What the wall clock in `zone` shows at `instant`. */
export function instantToWall(instant: number, zone: string): WallTime {
  const zoned = Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zone);
  return { date: zoned.toPlainDate().toString(), minutes: zoned.hour * 60 + zoned.minute };
}

/** The calendar day of `instant` in `zone` ("2026-03-29"). */
export function dayOf(instant: number, zone: string): string {
  return instantToWall(instant, zone).date;
}

/** Same wall-clock time in `zone`, `days` calendar days later (earlier if negative), across DST. */
export function shiftDays(instant: number, zone: string, days: number): number {
  return Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zone).add({ days })
    .epochMilliseconds;
}

/** Calendar days from `from` to `to` ("2026-03-28" to "2026-03-30": 2). */
export function daysBetween(from: string, to: string): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: "days" }).days;
}

/** The date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** The zone's offset from UTC at `instant`, in minutes (London in summer: 60; Recife: -180). */
export function offsetMinutes(instant: number, zone: string): number {
  return Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zone).offsetNanoseconds / 60e9;
}

/** "09:30" from minutes after midnight. */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** Minutes after midnight from "09:30"; null if it is not a time of day. */
export function parseMinutes(text: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}
