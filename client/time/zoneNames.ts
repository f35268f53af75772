import { utcOffset } from "./timeZones";

/**
 * A time zone's name in the reader's language ("São Paulo Time", "Horário Reino Unido", "圣保罗时间"):
 * CLDR's city- or country-style generic name where it has one, its long generic name where the short
 * one is an abbreviation ("BRT", "WET"), and a city taken from the IANA id ("Troll") where Intl only
 * knows an offset. UTC keeps its own name ("Coordinated Universal Time", "协调世界时").
 */
export function zoneName(timeZone: string, locale: string, at: number = Date.now()): string {
  if (timeZone === "UTC" || timeZone === "Etc/UTC") return nameOf(timeZone, locale, "long", at) || "UTC";
  const latinScript = scriptOf(locale) === "Latn";
  for (const style of ["shortGeneric", "longGeneric"] as const) {
    const name = nameOf(timeZone, locale, style, at);
    if (!name || isOffset(name) || isAbbreviation(name)) continue;
    // Where the browser's data lacks the city in a non-Latin script it prints the id's ("Sao Paulo时间").
    if (!latinScript && /[A-Za-z]{3}/.test(name) && style === "shortGeneric") continue;
    return name;
  }
  // "Etc/GMT+5" is UTC-5 (POSIX signs): its offset as Intl writes it says it the right way round.
  if (timeZone.startsWith("Etc/")) return nameOf(timeZone, locale, "shortGeneric", at) || timeZone;
  return cityOf(timeZone);
}

/** "America/Argentina/Buenos_Aires" → "Buenos Aires": the last part of the id, as people write it. */
export function cityOf(timeZone: string): string {
  return (timeZone.split("/").pop() ?? timeZone).replace(/_/g, " ");
}

export interface ZoneOption {
  zone: string;
  name: string;
  offset: string;
}

/** One zone as a picker lists it: its name and its offset now, in the reader's language. */
export function zoneOption(zone: string, locale: string, at: number = Date.now()): ZoneOption {
  return { zone, name: zoneName(zone, locale, at), offset: utcOffset(zone, locale, at) };
}

/** Sorts options by name (a letter typed in a select finds it), then by id. */
export function sortZoneOptions(options: ZoneOption[], locale: string): ZoneOption[] {
  const collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true });
  return options.sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.zone, b.zone));
}

/** Every zone named in the reader's language, sorted by name. */
export function zoneOptions(zones: readonly string[], locale: string, at: number = Date.now()): ZoneOption[] {
  return sortZoneOptions(
    zones.map((zone) => zoneOption(zone, locale, at)),
    locale,
  );
}

function nameOf(
  timeZone: string,
  locale: string,
  style: "long" | "shortGeneric" | "longGeneric",
  at: number,
): string {
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: style }).formatToParts(at);
    return parts.find((part) => part.type === "timeZoneName")?.value ?? "";
  } catch {
    return "";
  }
}

// "GMT-05:00", "GMT+8", "UTC+1": what Intl gives when CLDR has no name for the zone.
function isOffset(name: string): boolean {
  return /^(GMT|UTC)([+-−]\d|$)/.test(name);
}

function scriptOf(locale: string): string {
  try {
    return new Intl.Locale(locale).maximize().script ?? "Latn";
  } catch {
    return "Latn";
  }
}

function isAbbreviation(name: string): boolean {
  return /^[A-Z]{2,5}$/.test(name);
}
