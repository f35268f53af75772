/**
 * Caret and avatar colours. Each keeps at least 4.5:1 contrast with white label text
 * (measured: 5.4 to 6.6), so names on carets stay readable.
 */
export const USER_COLORS = [
  "#B42318",
  "#B54708",
  "#027A48",
  "#0E7090",
  "#175CD3",
  "#6941C6",
  "#C11574",
  "#4E5BA6",
  "#3B6E22",
  "#9F1AB1",
] as const;

/** A stable colour for a name: the same person keeps their colour on every device. */
export function colorForName(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return USER_COLORS[hash % USER_COLORS.length] ?? USER_COLORS[0];
}

/** One or two letters for an avatar: first letters of two words, or the first character (CJK names). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = Array.from(words[0] ?? "")[0] ?? "";
  if (words.length === 1) return first.toLocaleUpperCase();
  const last = Array.from(words[words.length - 1] ?? "")[0] ?? "";
  return `${first}${last}`.toLocaleUpperCase();
}

/** Avatar colour while no name is typed yet: neutral, so it does not look like an error. */
export const NO_NAME_COLOR = "#5b6270";
