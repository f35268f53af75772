import type { Plugin } from "vite";
import { readLocales } from "../localeCatalog.js";
import { routePreloads } from "./routePreloads.js";

const PLACEHOLDER = /<!-- shell-text:([\w-]+:[\w.]+) -->/g;
const PRELOAD_MAP = "/* shell-preloads */ {}";
const STYLESHEET = /[ \t]*<link rel="stylesheet"[^>]*>\n?/g;

/**
 * Finishes client/index.html's loading shell at build time:
 * - `<!-- shell-text:namespace:key -->` becomes one span per language, from locales/ (so the shell's
 *   text is translated like any other, and a missing language fails the build);
 * - the app's stylesheet moves to the end of <body>: Chromium paints what comes before an in-body
 *   stylesheet without waiting for it, so the shell (styled inline) shows as soon as the HTML arrives;
 * - the shell script's `/* shell-preloads *\/ {}` becomes the files of each route and language
 *   (routePreloads.ts), which it preloads for the page's own route and language.
 */
export function shellPlugin(localesDir: string): Plugin {
  return {
    name: "mutual-shell",
    transformIndexHtml: {
      order: "post",
      handler(html, context) {
        if (context.bundle) {
          if (!html.includes(PRELOAD_MAP)) throw new Error(`index.html shell: no ${PRELOAD_MAP}`);
          html = html.replace(PRELOAD_MAP, JSON.stringify(routePreloads(context.bundle)));
        }
        const locales = readLocales(localesDir);
        const filled = html.replace(PLACEHOLDER, (_, key: string) =>
          [...locales]
            .map(([language, keys]) => {
              const text = keys.get(key);
              if (!text) throw new Error(`index.html shell: ${language} has no "${key}"`);
              return `<span lang="${language}">${escapeHtml(text)}</span>`;
            })
            .join(""),
        );
        const stylesheets = filled.match(STYLESHEET) ?? [];
        const withoutStylesheets = filled.replace(STYLESHEET, "");
        return withoutStylesheets.replace(
          "</body>",
          `${stylesheets.map((tag) => tag.trim()).join("\n")}\n</body>`,
        );
      },
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
