import { createContext, type ReactNode, useCallback, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { rememberLanguage } from "./createI18n";
import type { Language } from "./languages";
import { ensureLanguage } from "./resources";

export interface LanguageControl {
  /** Downloads the language's strings if needed, then switches live and remembers the choice. */
  setLanguage: (language: Language) => Promise<void>;
  /** The language being downloaded, while a switch waits for it. */
  switching: Language | null;
  /** The last switch that could not download its strings (offline before it was ever cached). */
  failed: Language | null;
}

export const LanguageContext = createContext<LanguageControl | null>(null);

/** Holds the state of language switches, so every switcher shows the same loading state. */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const [switching, setSwitching] = useState<Language | null>(null);
  const [failed, setFailed] = useState<Language | null>(null);
  // Two quick switches: only the last one chosen applies, whichever download finishes first.
  const latest = useRef<Language | null>(null);

  const setLanguage = useCallback(
    async (next: Language) => {
      latest.current = next;
      setFailed(null);
      setSwitching(next);
      try {
        await ensureLanguage(i18n, next);
        if (latest.current !== next) return;
        rememberLanguage(next);
        await i18n.changeLanguage(next);
      } catch {
        if (latest.current === next) setFailed(next);
      } finally {
        if (latest.current === next) setSwitching(null);
      }
    },
    [i18n],
  );

  const control = useMemo(() => ({ setLanguage, switching, failed }), [setLanguage, switching, failed]);
  return <LanguageContext.Provider value={control}>{children}</LanguageContext.Provider>;
}
