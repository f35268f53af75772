import type { DocumentKind, Role } from "../../shared/domain";

/** i18n keys (namespace common) for the words the server sends as codes. */
export const roleKey = (role: Role) => `role.${role}` as const;
export const roleHintKey = (role: Role) => `roleHint.${role}` as const;
export const kindKey = (kind: DocumentKind) => `kind.${kind}` as const;

/** A country's name in the reader's language ("BR" → "Brasil" / "巴西"), or the code itself. */
export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A language's name in the reader's language ("pt-BR" → "Portuguese (Brazil)" / "葡萄牙语（巴西）"). */
export function languageName(tag: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** Sorts by a text key in the reader's collation order (accents, pinyin for Chinese). */
export function sortByText<T>(items: readonly T[], text: (item: T) => string, locale: string): T[] {
  const collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true });
  return [...items].sort((a, b) => collator.compare(text(a), text(b)));
}
