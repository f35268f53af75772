interface DurationFormatter {
  format(duration: { hours?: number; minutes?: number }): string;
}
type DurationFormatConstructor = new (
  locale: string,
  options: { style: "long" | "short" | "narrow" },
) => DurationFormatter;

/**
 * "1 hour, 15 minutes" / "1 hora e 15 minutos" / "1小时15分钟", as Intl writes it in the reader's language;
 * `short` for tight places ("1 hr, 15 min" / "1 h e 15 min").
 */
export function formatHoursAndMinutes(
  totalMinutes: number,
  locale: string,
  style: "long" | "short" = "long",
): string {
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  const DurationFormat = (Intl as unknown as { DurationFormat?: DurationFormatConstructor }).DurationFormat;
  if (DurationFormat) {
    return new DurationFormat(locale, { style }).format(
      hours > 0 ? (minutes > 0 ? { hours, minutes } : { hours }) : { minutes },
    );
  }
  // Browsers without Intl.DurationFormat: each unit on its own, joined as a list.
  const unit = (value: number, name: "hour" | "minute") =>
    new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: style }).format(value);
  const parts = [
    hours > 0 ? unit(hours, "hour") : null,
    minutes > 0 || hours === 0 ? unit(minutes, "minute") : null,
  ];
  return new Intl.ListFormat(locale, { type: "unit", style }).format(
    parts.filter((p): p is string => p !== null),
  );
}
