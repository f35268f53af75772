import { useId } from "react";
import { useTranslation } from "react-i18next";
import { GlobeIcon } from "../ui/icons";
import { isLanguage, LANGUAGE_NAMES, SUPPORTED_LANGUAGES } from "./languages";
import { useLanguage } from "./useLanguage";
import "./LanguageSwitcher.css";

/** A native select: keyboard, screen readers and touch all work without custom code. */
export function LanguageSwitcher() {
  const { t } = useTranslation("common");
  const { language, setLanguage, switching, failed } = useLanguage();
  const id = useId();
  return (
    <div className="language-switcher" aria-busy={switching !== null}>
      <label htmlFor={id} className="visually-hidden">
        {t("language.label")}
      </label>
      {/* A language's strings download on first choice: the icon turns into a spinner meanwhile. */}
      {switching ? (
        <span className="language-switcher__spinner" aria-hidden="true" />
      ) : (
        <GlobeIcon className="language-switcher__icon" />
      )}
      <select
        id={id}
        className="language-switcher__select"
        value={switching ?? language}
        title={t("language.label")}
        onChange={(event) => {
          if (isLanguage(event.target.value)) void setLanguage(event.target.value);
        }}
      >
        {SUPPORTED_LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
      <span role="status" className={failed ? "language-switcher__failed" : "visually-hidden"}>
        {switching ? t("language.switching") : failed ? t("language.failed") : ""}
      </span>
    </div>
  );
}
