import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import {
  DEFAULT_LANGUAGE,
  detectLanguage,
  isLanguage,
  type Language,
  SUPPORTED_LANGUAGES,
} from "./languages";
import { PSEUDO_PROCESSOR, pseudoMissingKey, pseudoModeRequested, pseudoPostProcessor } from "./pseudo";
import { loadLanguageResources, NAMESPACES } from "./resources";

const STORAGE_KEY = "mutual.language";

function rememberedLanguage(): Language | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null;
  }
}

/** Stores the choice so the next visit opens in it (a failure only costs the memory). */
export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode or storage full: the language still applies for this visit.
  }
}

/** The language the app opens in: the remembered choice, else the browser's preferences. */
export function initialLanguage(): Language {
  return rememberedLanguage() ?? detectLanguage(navigator.languages ?? [navigator.language]);
}

/**
 * Builds the app's i18next instance with the strings of `initial` only (other languages load when
 * chosen, see LanguageProvider). i18next 27 has no fallback by default and treats "" as missing,
 * hence the explicit map; a fallback language is not downloaded, so a key missing from a language
 * shows as the key (the parity test keeps every key in all three).
 */
export async function createI18n(initial: Language = initialLanguage()): Promise<i18n> {
  const instance = i18next.createInstance();
  instance.on("languageChanged", (language) => {
    // Chromium picks Simplified Chinese glyphs from the document language.
    document.documentElement.lang = language;
  });
  // QA only (see pseudo.ts): wraps every translation in markers; the language itself stays a real one.
  const pseudo = pseudoModeRequested();
  if (pseudo) instance.use(pseudoPostProcessor);
  const resources = await loadLanguageResources(initial);
  await instance.use(initReactI18next).init({
    resources: { [initial]: resources },
    partialBundledLanguages: true,
    lng: initial,
    supportedLngs: [...SUPPORTED_LANGUAGES],
    fallbackLng: { "pt-PT": ["pt-BR"], pt: ["pt-BR"], zh: ["zh-CN"], default: [DEFAULT_LANGUAGE] },
    ns: [...NAMESPACES],
    defaultNS: "common",
    interpolation: { escapeValue: false },
    returnEmptyString: false,
    initAsync: false,
    ...(pseudo ? { postProcess: [PSEUDO_PROCESSOR], parseMissingKeyHandler: pseudoMissingKey } : {}),
  });
  document.documentElement.lang = initial;
  return instance;
}
