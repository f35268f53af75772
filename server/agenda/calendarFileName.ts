/**
 * The .ics file's name: the agenda's title, then the day or the session's title. `full` keeps every
 * character a file name may hold (Chinese and Portuguese titles too, sent as filename*); `ascii` is the
 * fallback for the plain filename parameter.
 */
export function calendarFileName(
  title: string,
  part: string | null,
  isSession: boolean,
): { full: string; ascii: string } {
  const base = [title, isSession || part ? part : null].filter(Boolean).join(" - ") || "agenda";
  const full = `${
    base
      // Characters no file system takes, and control characters (by code, which the linter prefers).
      .replace(/[\\/:*?"<>|]+/g, " ")
      .replace(/\p{Cc}+/gu, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 120) || "agenda"
  }.ics`;
  const ascii = `${
    base
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z0-9 ._-]+/g, " ")
      .trim()
      .replace(/[\s-]+/g, "-")
      .slice(0, 80) || "agenda"
  }.ics`;
  return { full, ascii };
}
