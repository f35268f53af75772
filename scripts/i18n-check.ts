import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { checkParity, PLURAL_SUFFIX, readLocales } from "./localeCatalog";

/**
 * `npm run i18n:check`: reports keys missing from a locale (or with other variables) and keys no
 * source file uses. Exit code 1 when anything is missing; unused keys are reported as warnings.
 */
const root = join(import.meta.dirname, "..");
const locales = readLocales(join(root, "locales"));
const problems = checkParity(locales);
for (const p of problems)
  console.log(`missing  ${p.language.padEnd(6)} ${p.key}  (${p.problem}${p.detail ? `: ${p.detail}` : ""})`);

// Keys are used as string literals ("editor:toolbar.bold" or "toolbar.bold" with a namespace hook), by a
// literal naming their parent ("close.notFound" then `${key}.title`), or by a template literal's fixed
// prefix (`errors:close.${code}`): every key under such a prefix counts as used.
const sources = listFiles(join(root, "client")).filter((f) => /\.(ts|tsx)$/.test(f));
const literals = new Set<string>();
const prefixes = new Set<string>();
for (const file of sources) {
  const text = readFileSync(file, "utf8");
  for (const m of text.matchAll(/"([^"\n]+)"|'([^'\n]+)'/g)) literals.add(m[1] ?? m[2]!);
  for (const m of text.matchAll(/`([^`$\n]*)\$\{/g)) if (m[1]) prefixes.add(m[1]);
}
const english = locales.get("en") ?? new Map<string, string>();
// Namespaces the server reads whole (the built-in templates' words, sent resolved with the templates).
const serverNamespaces = ["builtInTemplates:"];
const unused = [...english.keys()]
  .filter((key) => !serverNamespaces.some((namespace) => key.startsWith(namespace)))
  .map((key) => key.replace(PLURAL_SUFFIX, ""))
  .filter((key, i, all) => all.indexOf(key) === i)
  .filter((key) => {
    const [namespace, path] = key.split(":") as [string, string];
    if (literals.has(key) || literals.has(path)) return false;
    if ([...literals].some((literal) => path.startsWith(`${literal}.`) || key.startsWith(`${literal}.`)))
      return false;
    return ![...prefixes].some(
      (prefix) =>
        key.startsWith(prefix) || path.startsWith(prefix) || `${namespace}:${path}`.startsWith(prefix),
    );
  });
for (const key of unused) console.log(`unused   ${key}`);

console.log(
  `\n${[...locales.keys()].join(", ")}: ${english.size} keys; ${problems.length} problem(s), ${unused.length} unused key(s) in ${sources.length} files (${relative(root, join(root, "client"))}/)`,
);
process.exit(problems.length > 0 ? 1 : 0);

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
