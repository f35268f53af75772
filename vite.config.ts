import { join } from "node:path";
import react from "@vitejs/plugin-react";
import { compression } from "vite-plugin-compression2";
import { defineConfig } from "vitest/config";
import { shellPlugin } from "./scripts/build/shellPlugin.js";

/** `locale-<lng>` for a locale file: one chunk per language, loaded alone (client/i18n/resources.ts). */
function localeChunk(id: string): string | null {
  // Version history's strings go with its lazy chunk, not with every first screen (features/history).
  const history = /[\\/]locales[\\/]([^\\/]+)[\\/]history\.json$/.exec(id)?.[1];
  if (history) return `historyStrings-${history}`;
  // So do a facilitated run's (features/run), loaded only for documents made from a template.
  const run = /[\\/]locales[\\/]([^\\/]+)[\\/]run\.json$/.exec(id)?.[1];
  if (run) return `runStrings-${run}`;
  // And the agenda's (features/agenda), loaded only when an agenda is opened.
  const agenda = /[\\/]locales[\\/]([^\\/]+)[\\/]agenda\.json$/.exec(id)?.[1];
  if (agenda) return `agendaStrings-${agenda}`;
  // And the template editor's (features/templates), loaded with its route.
  const templateEditor = /[\\/]locales[\\/]([^\\/]+)[\\/]templateEditor\.json$/.exec(id)?.[1];
  if (templateEditor) return `templateEditorStrings-${templateEditor}`;
  return /[\\/]locales[\\/]([^\\/]+)[\\/][^\\/]+\.json$/.exec(id)?.[1]?.replace(/^/, "locale-") ?? null;
}

/**
 * The editor, its libraries and its extensions: one chunk. Left to the bundler, the modules that version
 * history also renders with became five chunks, and brotli over five files lost about 4 KB. Lazily loaded
 * editor helpers (who wrote what) stay out of it.
 */
function editorModule(id: string): boolean {
  // The route imports CollaborativeEditor lazily (its own small chunk); who wrote what loads on use.
  if (/[\\/]client[\\/]editor[\\/](whoWroteWhat|CollaborativeEditor)/.test(id)) return false;
  return (
    /[\\/]client[\\/]editor[\\/]/.test(id) ||
    /[\\/]node_modules[\\/](@tiptap|prosemirror-[^\\/]+|orderedmap|rope-sequence|w3c-keyname|linkifyjs)[\\/]/.test(
      id,
    )
  );
}

/** Client code any screen may use: everything but a screen, the editor and the sync code. */
function sharedAppModule(id: string): boolean {
  return /[\\/]client[\\/]/.test(id) && !/[\\/]client[\\/](features|editor|sync)[\\/]/.test(id);
}

// One config for the client build and for Vitest. The client is built into dist/client and served by
// the Mutual server itself, so every asset comes from the same origin (no CDN, no font service).
export default defineConfig({
  root: "client",
  // client/public holds the service worker and favicon, copied to the build root unhashed.
  publicDir: "public",
  plugins: [
    react(),
    shellPlugin(join(import.meta.dirname, "locales")),
    // Every text file over 1 KB also as .br and .gz beside it, served by server/http/staticClient.ts as
    // the browser accepts. Source maps stay uncompressed (the plugin's default): only developer tools
    // fetch them, and brotli at quality 11 on 4 MB of maps would triple the build time.
    compression({ algorithms: ["brotliCompress", "gzip"], threshold: 1024, logLevel: "silent" }),
  ],
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    sourcemap: true,
    // One stylesheet for every screen (about 7 KB with brotli), in index.html: a screen's styles never
    // wait for a request of their own after its code has arrived.
    cssCodeSplit: false,
    // Public (the service worker precaches from it) and read by tests/build/budget.test.ts.
    manifest: "asset-manifest.json",
    rolldownOptions: {
      // Brotli at its best quality takes a few seconds in generateBundle: that is the point of doing it
      // at build time, not a slow plugin to be warned about on every build.
      checks: { bundlerTimings: false },
      output: {
        codeSplitting: {
          groups: [
            { name: localeChunk, test: /[\\/]locales[\\/]/ },
            // Libraries by name, so a release that changes only Mutual's code leaves them cached.
            { name: "react", test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: "i18next", test: /[\\/]node_modules[\\/](i18next|react-i18next)[\\/]/ },
            { name: "yjs", test: /[\\/]node_modules[\\/](yjs|lib0)[\\/]/ },
            // The app's shared pieces (design system, API client, i18n, navigation) in one chunk beside
            // the entry: split by whichever screens share them, they were a dozen 1-2 KB files, and
            // behind a 300 ms round trip every six requests (HTTP/1.1's connections) cost one more.
            { name: "app", test: sharedAppModule },
            // What the document screen shares with the editor (presence and carets), so the screen,
            // which opens the socket, never waits for the editor's chunk (the editor's group would
            // otherwise take them in as its dependencies).
            {
              name: "presence",
              test: /[\\/](node_modules[\\/]y-protocols|client[\\/]editor[\\/]caret(Activity)?\.ts)/,
            },
            // The document's layout and a template text's language, which screens without Yjs use too.
            {
              name: "documentLayout",
              test: /[\\/]shared[\\/](schema[\\/]documentLayout|templates[\\/]localizedText)\.ts/,
            },
            { name: "editor", test: editorModule },
          ],
        },
      },
    },
  },
  test: {
    root: ".",
    include: ["tests/**/*.test.ts"],
    environment: "node",
    // Long browser journeys (many screens, axe scans, screenshots) set 180 s: one took 34 s alone and over
    // 60 s beside the other browser files on a slower 2-core machine. The limit catches hangs, not speed.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: integration and browser tests start servers; run files two at a time at most.
    maxWorkers: 2,
    pool: "forks",
  },
});
