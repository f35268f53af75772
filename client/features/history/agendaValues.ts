import type { TFunction } from "i18next";
import type { AgendaHistoryField, HistoryDirectory } from "../../../shared/api/history";
import { DEFAULT_WORKING_HOURS } from "../../../shared/schema/agendaLayout";
import { zoneName } from "../../time/zoneNames";
import { languageName, list, shortDate, timeOf } from "../agenda/agendaFormat";

/** What a changed value is shown with: the reader's language, the session's zone, the answer's names. */
export interface ValueContext {
  t: TFunction;
  locale: string;
  /** The session's zone (its times are shown in it). */
  zone: string | null;
  directory: HistoryDirectory;
  documents: Record<string, string>;
}

/**
 * One stored agenda value as a reader sees it: instants as a date and time in the session's zone,
 * zones and languages by name, leads and documents by name, working hours as a time range. Values a
 * crafted update made unreadable show as such rather than breaking the list.
 */
export function formatAgendaValue(field: AgendaHistoryField, value: unknown, context: ValueContext): string {
  const { t, locale } = context;
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0))
    return field === "workingHours" ? hoursText(DEFAULT_WORKING_HOURS, locale, t, true) : t("agenda.none");
  try {
    switch (field) {
      case "start":
      case "end": {
        if (typeof value !== "number") break;
        const zone = context.zone ?? "UTC";
        return `${shortDate(value, zone, locale)} ${timeOf(value, zone, locale)}`;
      }
      case "zone":
        return typeof value === "string" ? zoneName(value, locale) : t("agenda.unreadable");
      case "type":
        return typeof value === "string" ? t(`agenda.type.${value}`, { defaultValue: value }) : "";
      case "languages":
        if (!Array.isArray(value)) break;
        return list(
          value.map((tag) => languageName(String(tag), locale)),
          locale,
        );
      case "interpretation":
        if (!Array.isArray(value)) break;
        return list(
          (value as Array<{ from?: unknown; to?: unknown }>).map((pair) =>
            t("agenda.pair", {
              from: languageName(String(pair?.from), locale),
              to: languageName(String(pair?.to), locale),
            }),
          ),
          locale,
        );
      case "leads":
        if (!Array.isArray(value)) break;
        return list(
          (value as Array<{ participantId?: unknown; name?: unknown }>).map((lead) =>
            typeof lead?.name === "string"
              ? lead.name
              : (context.directory.people[String(lead?.participantId)]?.name ?? t("unknownPerson")),
          ),
          locale,
        );
      case "documents":
        if (!Array.isArray(value)) break;
        return list(
          value.map((id) => context.documents[String(id)] ?? t("agenda.unknownDocument")),
          locale,
        );
      case "workingHours": {
        const hours = value as { start?: unknown; end?: unknown };
        if (typeof hours.start !== "number" || typeof hours.end !== "number") break;
        return hoursText({ start: hours.start, end: hours.end }, locale, t, false);
      }
      default:
        if (typeof value === "string") return value;
    }
  } catch {
    // An unknown zone or language tag in a crafted value: shown as unreadable below.
  }
  return t("agenda.unreadable");
}

/** "08:00–20:00" in the reader's language, from minutes after local midnight. */
function hoursText(hours: { start: number; end: number }, locale: string, t: TFunction, isDefault: boolean) {
  const at = (minutes: number) => Date.UTC(2000, 0, 1, 0, minutes);
  const range = new Intl.DateTimeFormat(locale, {
    timeZone: "UTC",
    hour: "numeric",
    minute: "2-digit",
  }).formatRange(at(hours.start), at(Math.min(hours.end, 24 * 60 - 1)));
  return isDefault ? t("agenda.defaultHours", { range }) : range;
}
