const ALLOWED = /^(https?:|mailto:)/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Turns what someone typed into a safe link target: adds https:// to bare addresses, keeps
 * http(s) and mailto, refuses other schemes (javascript:, data:...). Returns null when unusable.
 */
export function normalizeHref(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed || /\s/.test(trimmed)) return null;
  const withScheme = HAS_SCHEME.test(trimmed)
    ? trimmed
    : trimmed.includes("@") && !trimmed.includes("/")
      ? `mailto:${trimmed}`
      : `https://${trimmed}`;
  if (!ALLOWED.test(withScheme)) return null;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== "mailto:" && !url.hostname.includes(".") && url.hostname !== "localhost")
      return null;
    return withScheme;
  } catch {
    return null;
  }
}
