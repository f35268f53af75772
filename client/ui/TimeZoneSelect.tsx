import { useMemo } from "react";
import { allTimeZones, utcOffset, zoneLabel } from "../time/timeZones";
import { SelectField } from "./SelectField";

/** A select of every time zone, each with its current offset from UTC in the reader's locale. */
export function TimeZoneSelect({
  label,
  hint,
  error,
  value,
  onChange,
  locale,
}: {
  label: string;
  hint?: string;
  error?: string | null;
  value: string;
  onChange: (zone: string) => void;
  locale: string;
}) {
  const options = useMemo(() => {
    const now = Date.now();
    return allTimeZones().map((zone) => ({
      zone,
      text: `${zoneLabel(zone)} (${utcOffset(zone, locale, now)})`,
    }));
  }, [locale]);
  return (
    <SelectField
      label={label}
      hint={hint}
      error={error}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    >
      {options.map(({ zone, text }) => (
        <option key={zone} value={zone}>
          {text}
        </option>
      ))}
    </SelectField>
  );
}
