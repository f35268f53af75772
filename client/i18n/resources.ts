import type { Resource } from "i18next";

// Bundled at build time: the app never fetches translations from anywhere (works offline, no CDN).
const files = import.meta.glob<Record<string, unknown>>("../../locales/*/*.json", {
  eager: true,
  import: "default",
});

/** All locale files as an i18next resource tree: locales/<lng>/<namespace>.json. */
export function bundledResources(): Resource {
  const resources: Resource = {};
  for (const [path, content] of Object.entries(files)) {
    const match = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!match) continue;
    const [, language, namespace] = match as unknown as [string, string, string];
    resources[language] ??= {};
    resources[language][namespace] = content as Record<string, string>;
  }
  return resources;
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
] as const;
