import { useId } from "react";
import { useTranslation } from "react-i18next";
import { UI_LANGUAGES, type UiLanguage } from "../../../shared/domain";
import type { LocalizedText } from "../../../shared/templates/localizedText";

/**
 * One text of a template in each UI language, side by side (stacked on a phone): any one, two or all
 * three may be filled. Each field carries its language (`lang`), so spelling and Chinese glyphs follow it.
 */
export function LocalizedFields({
  label,
  value,
  onChange,
  multiline = false,
  maxLength,
  error,
  errorFor,
  className,
}: {
  label: string;
  value: LocalizedText;
  onChange: (next: LocalizedText) => void;
  multiline?: boolean;
  maxLength: number;
  /** A problem of the text as a whole (e.g. required: no language filled). */
  error?: string | null;
  /** A problem of one language's text. */
  errorFor: (language: UiLanguage) => string | null;
  className?: string;
}) {
  const { t } = useTranslation(["templateEditor", "templates"]);
  const id = useId();
  return (
    <fieldset
      className={["localized", className].filter(Boolean).join(" ")}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className="localized__legend">{label}</legend>
      <div className="localized__fields">
        {UI_LANGUAGES.map((language) => {
          const fieldError = errorFor(language);
          const fieldId = `${id}-${language}`;
          const control = {
            id: fieldId,
            lang: language,
            value: value[language] ?? "",
            maxLength,
            "aria-label": t("editor.inLanguage", {
              field: label,
              language: t(`templates:language.${language}`),
            }),
            "aria-invalid": fieldError || error ? (true as const) : undefined,
            "aria-describedby": fieldError ? `${fieldId}-error` : undefined,
            className: multiline ? "text-field__input text-field__textarea" : "text-field__input",
          };
          const set = (text: string) => onChange({ ...value, [language]: text });
          return (
            <div key={language} className="text-field localized__field">
              <label className="localized__language" htmlFor={fieldId}>
                {t(`templates:languageLabel.${language}`)}
              </label>
              {multiline ? (
                <textarea {...control} rows={2} onChange={(event) => set(event.target.value)} />
              ) : (
                <input {...control} type="text" onChange={(event) => set(event.target.value)} />
              )}
              {fieldError ? (
                <p className="text-field__error" id={`${fieldId}-error`}>
                  {fieldError}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
      {error ? (
        <p className="text-field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
