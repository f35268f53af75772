/** Every IANA zone this browser knows (UTC first when the list lacks it). */
export function allTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

/** The browser's own zone, or UTC when it cannot tell. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** The zone's offset from UTC now, as the locale writes it ("GMT-3", "GMT+8"). */
export function utcOffset(timeZone: string, locale: string, at: number = Date.now()): string {
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "shortOffset" }).formatToParts(
      at,
    );
    return parts.find((part) => part.type === "timeZoneName")?.value ?? "";
  } catch {
    return "";
  }
}

/** The wall-clock time in a zone ("14:05" / "下午2:05"), in the reader's locale. */
export function localTime(timeZone: string, locale: string, at: number = Date.now()): string {
  try {
    return new Intl.DateTimeFormat(locale, { timeZone, timeStyle: "short" }).format(at);
  } catch {
    return "";
  }
}
