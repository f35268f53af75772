/** One or two letters for an avatar: first letters of two words, or the first character (CJK names). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = Array.from(words[0] ?? "")[0] ?? "";
  if (words.length === 1) return first.toLocaleUpperCase();
  const last = Array.from(words[words.length - 1] ?? "")[0] ?? "";
  return `${first}${last}`.toLocaleUpperCase();
}
