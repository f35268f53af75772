import { useTranslation } from "react-i18next";
import { rememberLanguage } from "./createI18n";
import { DEFAULT_LANGUAGE, isLanguage, type Language } from "./languages";

/** The active UI language and a setter that switches live (no reload) and remembers it. */
export function useLanguage(): { language: Language; setLanguage: (language: Language) => void } {
  const { i18n } = useTranslation();
  const current = i18n.resolvedLanguage ?? i18n.language;
  const language = isLanguage(current) ? current : DEFAULT_LANGUAGE;
  const setLanguage = (next: Language) => {
    rememberLanguage(next);
    void i18n.changeLanguage(next);
  };
  return { language, setLanguage };
}
