import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { formattingLocale } from "./formatLocale";

/** The locale for dates and times on this screen (see formattingLocale); follows language switches. */
export function useFormatLocale(): string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => formattingLocale(language, browserLanguages()), [language]);
}

function browserLanguages(): readonly string[] {
  if (typeof navigator === "undefined") return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}
