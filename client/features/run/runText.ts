import { useTranslation } from "react-i18next";
import type { TemplatePairEntry } from "../../../shared/schema/documentLayout";
import { type LocalizedText, pickText } from "../../../shared/templates/localizedText";
import type { ReflectionTemplate } from "../../../shared/templates/templateSchema";
import { activeLanguage, type Language } from "../../i18n/languages";

/** The reader's UI language, and a template text picked in it (or the one it has). */
export function useRunLanguage(): { language: Language; pick: (text: LocalizedText) => string } {
  const { i18n } = useTranslation();
  const language = activeLanguage(i18n);
  return { language, pick: (text) => pickText(text, language).text };
}

/** "12:05", digits as the reader's locale writes them. */
export function formatClock(ms: number, locale: string): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const two = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  const minutes = Math.floor(total / 60);
  return `${new Intl.NumberFormat(locale, { useGrouping: false }).format(minutes)}:${two.format(total % 60)}`;
}

/** "5 minutes" / "5 minutos" / "5分钟". */
export function formatMinutes(minutes: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "unit", unit: "minute", unitDisplay: "long" }).format(
    minutes,
  );
}

export function formatSeconds(seconds: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "unit", unit: "second", unitDisplay: "long" }).format(
    seconds,
  );
}

/** A duration in ms as minutes (rounded), or seconds under a minute. */
export function formatDuration(ms: number, locale: string): string {
  return ms < 60_000
    ? formatSeconds(Math.round(ms / 1000), locale)
    : formatMinutes(Math.round(ms / 60_000), locale);
}

export type Sections = ReflectionTemplate["sections"];

/** The delegation pairs of a "who learned what" document (its template map's "pairs"; empty otherwise). */
export type Pairs = readonly TemplatePairEntry[];

/** A pair as the document labels it ("Recife team → Bristol council") and as it is read aloud. */
export function usePairLabel(pairs: Pairs): (pairIndex: number | null | undefined) => {
  text: string;
  spoken: string;
} | null {
  const { t } = useTranslation("run");
  return (pairIndex) => {
    const pair = typeof pairIndex === "number" ? pairs[pairIndex] : undefined;
    if (!pair) return null;
    const names = { from: pair.from.name, to: pair.to.name };
    return { text: t("pair.label", names), spoken: t("pair.spoken", names) };
  };
}
