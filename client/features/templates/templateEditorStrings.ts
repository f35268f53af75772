import type { i18n } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

// The template editor's strings come with its route (vite.config.ts gives each language's file a chunk of
// its own): the exchange and document screens never download them; only the reader's language is fetched.
const files = import.meta.glob<Record<string, unknown>>("../../../locales/*/templateEditor.json", {
  import: "default",
});

async function ensureStrings(instance: i18n, language: string): Promise<void> {
  if (instance.hasResourceBundle(language, "templateEditor")) return;
  const load = Object.entries(files).find(([path]) => path.includes(`/locales/${language}/`))?.[1];
  if (!load) return;
  instance.addResourceBundle(language, "templateEditor", await load(), true, true);
}

/**
 * Loads the editor's strings for the current language (and each one switched to); true once there. Read
 * from i18next on every render, so the render right after a switch already knows they are not there yet.
 */
export function useTemplateEditorStrings(): boolean {
  const { i18n: instance } = useTranslation();
  const language = instance.resolvedLanguage ?? instance.language;
  const loaded = instance.hasResourceBundle(language, "templateEditor");
  // Offline before this language's strings were cached: the screen still opens once the attempt ends.
  const [settled, setSettled] = useState<string | null>(null);
  useEffect(() => {
    if (loaded) return;
    let current = true;
    const done = () => {
      if (current) setSettled(language);
    };
    ensureStrings(instance, language).then(done, done);
    return () => {
      current = false;
    };
  }, [instance, language, loaded]);
  return loaded || settled === language;
}
