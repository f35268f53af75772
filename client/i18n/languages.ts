/** UI languages Mutual ships, each named in its own language (never translated). */
export const SUPPORTED_LANGUAGES = ["en", "pt-BR", "zh-CN"] as const;

export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<Language, string> = {
  en: "English",
  "pt-BR": "Português (Brasil)",
  "zh-CN": "简体中文",
};

export const DEFAULT_LANGUAGE: Language = "en";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/**
 * Maps any BCP 47 tag to a supported language: every Portuguese to pt-BR, every Chinese to zh-CN
 * (Traditional readers understand Simplified better than English), anything else to null.
 */
export function matchLanguage(tag: string): Language | null {
  const primary = tag.toLowerCase().split(/[-_]/)[0];
  if (primary === "pt") return "pt-BR";
  if (primary === "zh") return "zh-CN";
  if (primary === "en") return "en";
  return null;
}

/** First supported language in the browser's preference list, else English. */
export function detectLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const match = matchLanguage(tag);
    if (match) return match;
  }
  return DEFAULT_LANGUAGE;
}

/** The language an i18next instance shows now, as one of Mutual's. */
export function activeLanguage(instance: { resolvedLanguage?: string; language: string }): Language {
  const current = instance.resolvedLanguage ?? instance.language;
  return isLanguage(current) ? current : DEFAULT_LANGUAGE;
}
