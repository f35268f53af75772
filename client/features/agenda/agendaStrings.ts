import type { i18n } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

// The agenda's strings come with its chunk (vite.config.ts puts each language's file in a chunk of its
// own), so first screens do not download them; only the reader's language is fetched.
const files = import.meta.glob<Record<string, unknown>>("../../../locales/*/agenda.json", {
  import: "default",
});

async function ensureAgendaStrings(instance: i18n, language: string): Promise<void> {
  if (instance.hasResourceBundle(language, "agenda")) return;
  const load = Object.entries(files).find(([path]) => path.includes(`/locales/${language}/`))?.[1];
  if (!load) return;
  instance.addResourceBundle(language, "agenda", await load(), true, true);
}

/** Loads the agenda's strings for the current language (and each language switched to); true once there. */
export function useAgendaStrings(): boolean {
  const { i18n: instance } = useTranslation();
  const language = instance.resolvedLanguage ?? instance.language;
  const [ready, setReady] = useState(() => instance.hasResourceBundle(language, "agenda"));
  useEffect(() => {
    let current = true;
    if (instance.hasResourceBundle(language, "agenda")) {
      setReady(true);
      return;
    }
    setReady(false);
    ensureAgendaStrings(instance, language).then(
      () => current && setReady(true),
      () => current && setReady(true),
    );
    return () => {
      current = false;
    };
  }, [instance, language]);
  return ready;
}
