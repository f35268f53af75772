/**
 * The locale dates and times are written in: the browser's own regional variant of the UI language
 * (en-GB, en-AU, pt-PT, zh-TW...), so a reader in London gets a 24-hour clock while the words on
 * screen stay in one of the three UI languages. Falls back to the UI language itself.
 */
export function formattingLocale(uiLanguage: string, preferred: readonly string[]): string {
  const wanted = primaryLanguage(uiLanguage);
  for (const tag of preferred) {
    if (primaryLanguage(tag) !== wanted) continue;
    const [supported] = safeSupported(tag);
    if (supported) return supported;
  }
  return uiLanguage;
}

function primaryLanguage(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0] ?? "";
}

// A malformed tag (navigator.languages is user-configurable) throws a RangeError: skip it.
function safeSupported(tag: string): string[] {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag.replace(/_/g, "-")]);
  } catch {
    return [];
  }
}
