import { SelectField } from "../ui/SelectField";
import { isLanguage, LANGUAGE_NAMES, type Language, SUPPORTED_LANGUAGES } from "./languages";

/** A form field choosing a UI language, each named in its own language (and tagged so it renders right). */
export function LanguageField({
  label,
  hint,
  value,
  onChange,
}: {
  label: string;
  hint?: string;
  value: Language;
  onChange: (language: Language) => void;
}) {
  return (
    <SelectField
      label={label}
      hint={hint}
      value={value}
      onChange={(event) => {
        if (isLanguage(event.target.value)) onChange(event.target.value);
      }}
    >
      {SUPPORTED_LANGUAGES.map((code) => (
        <option key={code} value={code} lang={code}>
          {LANGUAGE_NAMES[code]}
        </option>
      ))}
    </SelectField>
  );
}
