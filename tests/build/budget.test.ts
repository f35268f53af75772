import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  brotliBytes,
  firstScreenFiles,
  localeKeys,
  type Manifest,
  ROUTE_SCREENS,
  type RouteName,
  sourcesOf,
} from "./firstScreen";

// Brotli KB a first visit downloads before a route's first screen works (README, "Compression and
// budgets"); chosen a few KB above what the build reached, so that growth is a decision, not a drift.
const BUDGET_KB: Record<RouteName, number> = { home: 100, join: 100, exchange: 105, document: 260 };
// What the home, join and exchange screens must never download.
const EDITOR_AND_SYNC =
  /node_modules\/(@tiptap|prosemirror-|yjs|y-prosemirror|y-websocket|y-indexeddb|y-protocols)/;

// `npm test` builds first; MUTUAL_CLIENT_DIST checks another build (e.g. one made to see this fail).
const dist = process.env.MUTUAL_CLIENT_DIST ?? join(import.meta.dirname, "..", "..", "dist", "client");
const manifestPath = join(dist, "asset-manifest.json");

/** The build's manifest; every test below fails (never skips) without a build. */
function readManifest(): Manifest {
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: build the client first`);
  return JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
}

const largestLocale = (manifest: Manifest) =>
  Math.max(...localeKeys(manifest).map((key) => brotliBytes(dist, manifest[key]!.file)));

const sourcesOfRoute = (route: RouteName) =>
  firstScreenFiles(readManifest(), route).flatMap((file) => sourcesOf(dist, file));

describe("the built client's first screens", () => {
  it("ships one language chunk per language, and no first screen imports one statically", () => {
    const manifest = readManifest();
    expect(localeKeys(manifest)).toHaveLength(3);
    for (const route of Object.keys(ROUTE_SCREENS) as RouteName[]) {
      expect(firstScreenFiles(manifest, route).filter((file) => /locale-/.test(file))).toEqual([]);
    }
  });

  for (const route of Object.keys(ROUTE_SCREENS) as RouteName[]) {
    it(`keeps ${route} within ${BUDGET_KB[route]} KB with brotli`, () => {
      const manifest = readManifest();
      const files = firstScreenFiles(manifest, route);
      const bytes = files.reduce((sum, file) => sum + brotliBytes(dist, file), 0) + largestLocale(manifest);
      console.log(`${route}: ${(bytes / 1024).toFixed(1)} KB brotli in ${files.length + 1} files`);
      expect(bytes / 1024).toBeLessThanOrEqual(BUDGET_KB[route]);
    });
  }

  for (const route of ["home", "join", "exchange"] as const) {
    it(`does not make ${route} download Tiptap, ProseMirror or Yjs`, () => {
      const sources = sourcesOfRoute(route);
      expect(sources.length).toBeGreaterThan(0);
      expect(sources.filter((source) => EDITOR_AND_SYNC.test(source))).toEqual([]);
    });
  }

  it("gives the document its editor and sync code (the check above can see them)", () => {
    const sources = sourcesOfRoute("document");
    expect(sources.some((source) => /node_modules\/@tiptap\/core/.test(source))).toBe(true);
    expect(sources.some((source) => /node_modules\/yjs/.test(source))).toBe(true);
  });
});

describe("firstScreenFiles", () => {
  it("follows static imports from the entry and the screen, not dynamic ones", () => {
    const manifest: Manifest = {
      "main.tsx": {
        file: "assets/main.js",
        isEntry: true,
        imports: ["_react.js"],
        dynamicImports: ["home.tsx"],
      },
      "_react.js": { file: "assets/react.js" },
      "features/home/HomeScreen.tsx": {
        file: "assets/home.js",
        imports: ["_editor.js"],
        css: ["assets/home.css"],
      },
      "_editor.js": { file: "assets/editor.js" },
      "features/join/JoinScreen.tsx": { file: "assets/join.js", dynamicImports: ["_editor.js"] },
    };
    expect(firstScreenFiles(manifest, "home").sort()).toEqual(
      ["assets/editor.js", "assets/home.css", "assets/home.js", "assets/main.js", "assets/react.js"].sort(),
    );
    expect(firstScreenFiles(manifest, "join").sort()).toEqual([
      "assets/join.js",
      "assets/main.js",
      "assets/react.js",
    ]);
  });
});
