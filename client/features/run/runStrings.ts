import type { i18n } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

// A run's strings come with its chunk (vite.config.ts puts each language's file in a chunk of its
// own), so first screens do not download them; only the reader's language is fetched.
const files = import.meta.glob<Record<string, unknown>>("../../../locales/*/run.json", {
  import: "default",
});

async function ensureRunStrings(instance: i18n, language: string): Promise<void> {
  if (instance.hasResourceBundle(language, "run")) return;
  const load = Object.entries(files).find(([path]) => path.includes(`/locales/${language}/`))?.[1];
  if (!load) return;
  instance.addResourceBundle(language, "run", await load(), true, true);
}

/** Loads the run's strings for the current language (and each language switched to); true once there. */
export function useRunStrings(): boolean {
  const { i18n: instance } = useTranslation();
  const language = instance.resolvedLanguage ?? instance.language;
  const [ready, setReady] = useState(() => instance.hasResourceBundle(language, "run"));
  useEffect(() => {
    let current = true;
    if (instance.hasResourceBundle(language, "run")) {
      setReady(true);
      return;
    }
    setReady(false);
    ensureRunStrings(instance, language).then(
      () => current && setReady(true),
      () => current && setReady(true),
    );
    return () => {
      current = false;
    };
  }, [instance, language]);
  return ready;
}
