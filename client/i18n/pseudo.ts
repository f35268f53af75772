import type { PostProcessorModule } from "i18next";

/**
 * Pseudo-locale mode, a QA tool: every translated string is wrapped in markers so that a test (or a person
 * looking at the screen) can spot any text that did not come through i18next. The language stays a real one,
 * so plural rules, Intl formatting and `lang` behave exactly as in production.
 *
 * Switched on per browser with `localStorage["mutual.pseudo"] = "1"`, read once when the app starts.
 */
export const PSEUDO_STORAGE_KEY = "mutual.pseudo";
export const PSEUDO_OPEN = "⟦";
export const PSEUDO_CLOSE = "⟧";
export const PSEUDO_PROCESSOR = "mutualPseudo";

export function pseudoModeRequested(): boolean {
  try {
    return localStorage.getItem(PSEUDO_STORAGE_KEY) === "1";
  } catch {
    return false;
  }
}

export function wrapPseudo(value: string): string {
  return `${PSEUDO_OPEN}${value}${PSEUDO_CLOSE}`;
}

/** An i18next post-processor: runs after interpolation and nesting, once per resolved string. */
export const pseudoPostProcessor: PostProcessorModule = {
  type: "postProcessor",
  name: PSEUDO_PROCESSOR,
  // Typed as string, but i18next hands non-strings through too (returnObjects): leave those alone.
  process: (value: string) => (typeof value === "string" ? wrapPseudo(value) : value),
};

/**
 * A key missing from the bundle would otherwise come back as the key itself, wrapped like a real
 * translation; in pseudo mode it is shown unmarked so the check catches it. A supplied default value
 * (already wrapped by the post-processor) is kept.
 */
export function pseudoMissingKey(key: string, defaultValue?: string): string {
  return defaultValue ?? `MISSING:${key}`;
}
