import type { i18n, ResourceLanguage } from "i18next";
import type { Language } from "./languages";

// Lazy: each file becomes a dynamic import, and vite.config.ts groups one language's files into one
// chunk, so a reader downloads their own language only (one request), from this server (no CDN).
// The built-in templates' words are read by the server, which sends them resolved with the templates.
const files = import.meta.glob<Record<string, unknown>>(
  // History's strings load with its lazy chunk (client/features/history/historyStrings.ts); so do a
  // facilitated run's (client/features/run/runStrings.ts) and the agenda's (features/agenda/agendaStrings.ts).
  [
    "../../locales/*/*.json",
    "!../../locales/*/builtInTemplates.json",
    "!../../locales/*/history.json",
    "!../../locales/*/run.json",
    "!../../locales/*/agenda.json",
    // The template editor's, with its route (client/features/templates/templateEditorStrings.ts).
    "!../../locales/*/templateEditor.json",
  ],
  { import: "default" },
);

/** Every locale file of one language, as an i18next resource tree (namespace -> keys). */
export async function loadLanguageResources(language: Language): Promise<ResourceLanguage> {
  const entries = Object.entries(files).flatMap(([path, load]) => {
    const match = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    return match && match[1] === language ? [{ namespace: match[2] as string, load }] : [];
  });
  const loaded = await Promise.all(
    entries.map(async ({ namespace, load }) => [namespace, await load()] as const),
  );
  return Object.fromEntries(loaded) as ResourceLanguage;
}

/** Downloads a language's strings into the instance once; rejects (offline, say) without changing it. */
export async function ensureLanguage(instance: i18n, language: Language): Promise<void> {
  if (instance.hasResourceBundle(language, "common")) return;
  const resources = await loadLanguageResources(language);
  for (const [namespace, content] of Object.entries(resources)) {
    instance.addResourceBundle(language, namespace, content, true, true);
  }
}

export const NAMESPACES = [
  "common",
  "home",
  "join",
  "exchange",
  "delegations",
  "participants",
  "invites",
  "document",
  "editor",
  "status",
  "errors",
  "agenda",
  "templates",
  "templateEditor",
  "history",
  "run",
] as const;
