interface DurationFormatter {
  format(duration: { hours?: number; minutes?: number }): string;
}
type DurationFormatConstructor = new (
  locale: string,
  options: { style: "long" | "short" | "narrow" },
) => DurationFormatter;

/** "1 hour, 15 minutes" / "1 hora e 15 minutos" / "1小时15分钟", as Intl writes it in the reader's language. */
export function formatHoursAndMinutes(totalMinutes: number, locale: string): string {
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  const DurationFormat = (Intl as unknown as { DurationFormat?: DurationFormatConstructor }).DurationFormat;
  if (DurationFormat) {
    return new DurationFormat(locale, { style: "long" }).format(
      hours > 0 ? (minutes > 0 ? { hours, minutes } : { hours }) : { minutes },
    );
  }
  // Browsers without Intl.DurationFormat: each unit on its own, joined as a list.
  const unit = (value: number, name: "hour" | "minute") =>
    new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: "long" }).format(value);
  const parts = [
    hours > 0 ? unit(hours, "hour") : null,
    minutes > 0 || hours === 0 ? unit(minutes, "minute") : null,
  ];
  return new Intl.ListFormat(locale, { type: "unit" }).format(parts.filter((p): p is string => p !== null));
}
