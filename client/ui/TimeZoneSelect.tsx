import { useMemo } from "react";
import { allTimeZones } from "../time/timeZones";
import { useFormatLocale } from "../time/useFormatLocale";
import { zoneOptions } from "../time/zoneNames";
import { SelectField } from "./SelectField";

/**
 * A select of every time zone, named in the reader's language with its offset now, and the IANA id
 * after it (it tells apart zones with one name, e.g. two "China Time", and is what calendars show).
 */
export function TimeZoneSelect({
  label,
  hint,
  error,
  value,
  onChange,
}: {
  label: string;
  hint?: string;
  error?: string | null;
  value: string;
  onChange: (zone: string) => void;
}) {
  const locale = useFormatLocale();
  const options = useMemo(() => zoneOptions(allTimeZones(), locale), [locale]);
  return (
    <SelectField
      label={label}
      hint={hint}
      error={error}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    >
      {options.map(({ zone, name, offset }) => (
        <option key={zone} value={zone}>
          {`${name} (${offset}) · ${zone}`}
        </option>
      ))}
    </SelectField>
  );
}
