import { UI_LANGUAGES, type UiLanguage } from "../domain";

/** A text written in one, two or all three UI languages (a template's name, purpose, prompts, guidance). */
export type LocalizedText = Partial<Record<UiLanguage, string>>;

export interface PickedText {
  text: string;
  /** The language the text is written in (differs from the reader's when `fallback`). */
  language: UiLanguage;
  /** True when the reader's language has no text and another language's text is shown instead. */
  fallback: boolean;
}

/**
 * The text a reader sees: their own language's when it exists, else English, Portuguese, Chinese in that
 * order, marked as a fallback so the reader knows why it is in another language. Never an empty prompt
 * while any language has text; an entirely empty text (guidance may be) gives "" in the reader's language.
 */
export function pickText(text: LocalizedText, language: UiLanguage): PickedText {
  const own = text[language]?.trim();
  if (own) return { text: own, language, fallback: false };
  for (const other of UI_LANGUAGES) {
    const candidate = text[other]?.trim();
    if (candidate) return { text: candidate, language: other, fallback: true };
  }
  return { text: "", language, fallback: false };
}

/** The languages a text is written in, in the UI's order. */
export function languagesOf(text: LocalizedText): UiLanguage[] {
  return UI_LANGUAGES.filter((language) => Boolean(text[language]?.trim()));
}
