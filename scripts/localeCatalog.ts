import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Plural suffixes i18next uses (CLDR categories). */
export const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** One locale's keys: `namespace:dotted.key` → text (plural forms keep their suffix). */
export type LocaleKeys = Map<string, string>;

/** Reads every locales/<language>/<namespace>.json into flat key maps, one per language. */
export function readLocales(root: string): Map<string, LocaleKeys> {
  const locales = new Map<string, LocaleKeys>();
  for (const language of readdirSync(root, { withFileTypes: true })) {
    if (!language.isDirectory()) continue;
    const keys: LocaleKeys = new Map();
    for (const file of readdirSync(join(root, language.name)).filter((f) => f.endsWith(".json"))) {
      const namespace = file.replace(/\.json$/, "");
      flatten(JSON.parse(readFileSync(join(root, language.name, file), "utf8")), `${namespace}:`, keys);
    }
    locales.set(language.name, keys);
  }
  return locales;
}

function flatten(value: unknown, prefix: string, into: LocaleKeys): void {
  if (typeof value === "string") {
    into.set(prefix, value);
    return;
  }
  if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      flatten(child, prefix.endsWith(":") ? `${prefix}${key}` : `${prefix}.${key}`, into);
    }
  }
}

/** The `{{variable}}` names a text interpolates. */
export function variables(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([\w.]+)(?:\s*,[^}]*)?\s*\}\}/g)].map((m) => m[1]!))].sort();
}

export interface LocaleProblem {
  language: string;
  key: string;
  problem: "missing" | "missing plural form" | "variables differ" | "empty";
  detail?: string;
}

/** Every key in every locale, with the plural forms each language needs and the same variables. */
export function checkParity(locales: Map<string, LocaleKeys>): LocaleProblem[] {
  const problems: LocaleProblem[] = [];
  const base = (key: string) => key.replace(PLURAL_SUFFIX, "");
  const allBases = new Set([...locales.values()].flatMap((keys) => [...keys.keys()].map(base)));
  const pluralBases = new Set(
    [...locales.values()].flatMap((keys) => [...keys.keys()].filter((k) => PLURAL_SUFFIX.test(k)).map(base)),
  );
  const variablesOf = (keys: LocaleKeys, key: string) =>
    [...new Set([...keys].filter(([k]) => base(k) === key).flatMap(([, text]) => variables(text)))]
      .sort()
      .join(",");

  for (const key of allBases) {
    const reference = [...locales.values()].map((keys) => variablesOf(keys, key)).find((v) => v !== "") ?? "";
    for (const [language, keys] of locales) {
      if (pluralBases.has(key)) {
        const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
        const missing = categories.filter((c) => !keys.has(`${key}_${c}`));
        if (missing.length === categories.length) problems.push({ language, key, problem: "missing" });
        else if (missing.length > 0)
          problems.push({ language, key, problem: "missing plural form", detail: missing.join(", ") });
      } else if (!keys.has(key)) {
        problems.push({ language, key, problem: "missing" });
        continue;
      }
      for (const [k, text] of keys)
        if (base(k) === key && text.trim() === "") problems.push({ language, key: k, problem: "empty" });
      const own = variablesOf(keys, key);
      if (own !== reference)
        problems.push({ language, key, problem: "variables differ", detail: `${own} vs ${reference}` });
    }
  }
  return problems;
}
