import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { type LocalizedText, type PickedText, pickText } from "../../../shared/templates/localizedText";
import type { TemplateProblem } from "../../../shared/templates/templateSchema";
import { activeLanguage, isLanguage, type Language } from "../../i18n/languages";

/** A template's texts in the reader's UI language (or the one it has, marked as a fallback). */
export function useTemplateText(): { language: Language; pick: (text: LocalizedText) => PickedText } {
  const { i18n } = useTranslation();
  const language = activeLanguage(i18n);
  return { language, pick: (text) => pickText(text, language) };
}

/**
 * One problem of a template as a sentence in the reader's language: where it is ("Section 3, prompt
 * (Chinese)") and what is wrong with it.
 */
export function problemText(problem: TemplateProblem, t: TFunction): string {
  const message = t(`templates:problem.${problem.code}`);
  const where = problemPlace(problem.path, t);
  return where ? t("templates:problem.at", { where, message }) : message;
}

function problemPlace(path: string, t: TFunction): string | null {
  if (!path) return null;
  const parts = path.split(".");
  const language = (part: string | undefined) =>
    part && isLanguage(part) ? t(`templates:language.${part}`) : null;
  const field = (name: string | undefined, lang: string | undefined) => {
    const label = name ? t(`templates:field.${name}`, { defaultValue: name }) : "";
    const languageName = language(lang);
    return languageName ? t("templates:problem.fieldIn", { field: label, language: languageName }) : label;
  };
  const [head, index, name, lang] = parts;
  if (head === "sections" && index !== undefined && /^\d+$/.test(index)) {
    const section = t("templates:problem.section", { number: Number(index) + 1 });
    return name ? t("templates:problem.inside", { outer: section, inner: field(name, lang) }) : section;
  }
  if (head === "runPlan" && index !== undefined && /^\d+$/.test(index)) {
    const phase = t("templates:problem.phase", { number: Number(index) + 1 });
    return name ? t("templates:problem.inside", { outer: phase, inner: field(name, undefined) }) : phase;
  }
  return field(head, index);
}
