import en from "../../locales/en/builtInTemplates.json";
import ptBR from "../../locales/pt-BR/builtInTemplates.json";
import zhCN from "../../locales/zh-CN/builtInTemplates.json";
import type { UiLanguage } from "../../shared/domain";
import {
  type BuiltInTexts,
  isBuiltInTemplateId,
  resolveBuiltInTemplates,
} from "../../shared/templates/builtInTemplates";
import { checkTemplate, type ReflectionTemplate } from "../../shared/templates/templateSchema";

const texts: Record<UiLanguage, BuiltInTexts> = { en, "pt-BR": ptBR, "zh-CN": zhCN };

/**
 * The seven built-in templates, resolved once with their words in every language and checked against the
 * same schema as any imported file: a translation that breaks a rule (too long, markup) stops the server
 * at start rather than reaching a document.
 */
const builtIns: readonly ReflectionTemplate[] = resolveBuiltInTemplates(texts).map((template) => {
  const checked = checkTemplate(template);
  if (!checked.ok) {
    throw new Error(`built-in template ${template.id} is invalid: ${JSON.stringify(checked.problems)}`);
  }
  return checked.template;
});

export function builtInTemplates(): readonly ReflectionTemplate[] {
  return builtIns;
}

export function findBuiltInTemplate(id: string): ReflectionTemplate | null {
  return isBuiltInTemplateId(id) ? (builtIns.find((template) => template.id === id) ?? null) : null;
}
