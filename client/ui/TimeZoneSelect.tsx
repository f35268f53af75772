import { useTranslation } from "react-i18next";
import { useFormatLocale } from "../time/useFormatLocale";
import { useZoneOptions } from "../time/useZoneOptions";
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
  const { t } = useTranslation("common");
  const locale = useFormatLocale();
  const { options, complete } = useZoneOptions(locale, value);
  return (
    <SelectField
      label={label}
      hint={hint}
      error={error}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      // Before its list opens, every zone is there (named in the background until then).
      onFocus={complete}
      onPointerDown={complete}
    >
      {options.map(({ zone, name, offset }) => (
        <option key={zone} value={zone}>
          {t("timeZoneOption", { name, offset, zone })}
        </option>
      ))}
    </SelectField>
  );
}
