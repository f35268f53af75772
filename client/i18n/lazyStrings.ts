import type { i18n } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/** One namespace's locale files, from the feature's `import.meta.glob` (a literal pattern per feature). */
export type LocaleFiles = Record<string, () => Promise<Record<string, unknown>>>;

/**
 * A namespace that travels with a lazily loaded feature rather than with every first screen
 * (vite.config.ts gives each language's file a chunk of its own): only the reader's language is fetched.
 */
export async function ensureStrings(
  instance: i18n,
  namespace: string,
  files: LocaleFiles,
  language = instance.resolvedLanguage ?? instance.language,
): Promise<void> {
  if (instance.hasResourceBundle(language, namespace)) return;
  const load = Object.entries(files).find(([path]) => path.includes(`/locales/${language}/`))?.[1];
  if (!load) return;
  instance.addResourceBundle(language, namespace, await load(), true, true);
}

/**
 * Loads a namespace for the current language (and each language switched to); true once there. Read from
 * i18next on every render, so the render right after a switch already knows the strings are still coming.
 */
export function useLazyStrings(namespace: string, files: LocaleFiles): boolean {
  const { i18n: instance } = useTranslation();
  const language = instance.resolvedLanguage ?? instance.language;
  const loaded = instance.hasResourceBundle(language, namespace);
  // Offline before this language's strings were cached: the screen still opens once the attempt ends.
  const [settled, setSettled] = useState<string | null>(null);
  useEffect(() => {
    if (loaded) return;
    let current = true;
    const done = () => {
      if (current) setSettled(language);
    };
    ensureStrings(instance, namespace, files, language).then(done, done);
    return () => {
      current = false;
    };
  }, [instance, namespace, files, language, loaded]);
  return loaded || settled === language;
}
