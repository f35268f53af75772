import { useContext } from "react";
import { useTranslation } from "react-i18next";
import { LanguageContext, type LanguageControl } from "./LanguageProvider";
import { activeLanguage, type Language } from "./languages";

/** The active UI language, and switching to another (see LanguageProvider). */
export function useLanguage(): { language: Language } & LanguageControl {
  const { i18n } = useTranslation();
  const control = useContext(LanguageContext);
  if (!control) throw new Error("useLanguage needs a LanguageProvider above it");
  return { language: activeLanguage(i18n), ...control };
}
