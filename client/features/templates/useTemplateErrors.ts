import { useTranslation } from "react-i18next";
import type { TemplateProblem } from "../../../shared/templates/templateSchema";

/** The translated problem at one path of the template ("sections.0.prompt.en"), or null. */
export type ErrorAt = (path: string) => string | null;

/**
 * Problems as the fields show them: the schema's code in the reader's language, with the allowed range
 * spelled out for the numbers. Nothing is shown until the first attempt to save.
 */
export function useTemplateErrors(problems: Map<string, TemplateProblem["code"]>, shown: boolean): ErrorAt {
  const { t } = useTranslation(["templateEditor", "templates"]);
  return (path) => {
    const code = shown ? problems.get(path) : undefined;
    if (!code) return null;
    if (path === "durationMinutes" && code !== "required") return t("editor.durationRange");
    if (/^runPlan\.\d+\.minutes$/.test(path) && code !== "required") return t("editor.phaseRange");
    return t(`templates:problem.${code}`);
  };
}
