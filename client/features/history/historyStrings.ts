import type { i18n } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

// History's strings come with its chunk (vite.config.ts puts each language's file in a chunk of its
// own), so first screens do not download them; only the reader's language is fetched.
const files = import.meta.glob<Record<string, unknown>>("../../../locales/*/history.json", {
  import: "default",
});

async function ensureHistoryStrings(instance: i18n, language: string): Promise<void> {
  if (instance.hasResourceBundle(language, "history")) return;
  const load = Object.entries(files).find(([path]) => path.includes(`/locales/${language}/`))?.[1];
  if (!load) return;
  instance.addResourceBundle(language, "history", await load(), true, true);
}

/** Loads history's strings for the current language (and each language switched to); true once there. */
export function useHistoryStrings(): boolean {
  const { i18n: instance } = useTranslation();
  const language = instance.resolvedLanguage ?? instance.language;
  const [ready, setReady] = useState(() => instance.hasResourceBundle(language, "history"));
  useEffect(() => {
    let current = true;
    if (instance.hasResourceBundle(language, "history")) {
      setReady(true);
      return;
    }
    setReady(false);
    ensureHistoryStrings(instance, language).then(
      () => current && setReady(true),
      () => current && setReady(true),
    );
    return () => {
      current = false;
    };
  }, [instance, language]);
  return ready;
}

/** For code outside React (the live tint): the strings of the current language. */
export function loadHistoryStrings(instance: i18n): Promise<void> {
  return ensureHistoryStrings(instance, instance.resolvedLanguage ?? instance.language);
}
