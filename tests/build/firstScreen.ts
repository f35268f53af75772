import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** One record of the Vite manifest (vite.config.ts `build.manifest`). */
export interface ManifestChunk {
  file: string;
  name?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

/** The source modules (keys of the manifest) a route's first screen opens, beside the entry. */
export const ROUTE_SCREENS = {
  home: ["features/home/HomeScreen.tsx"],
  join: ["features/join/JoinScreen.tsx"],
  exchange: ["features/exchange/ExchangeScreen.tsx"],
  // The editor downloads with the document screen (client/app/routeModules.ts): part of its first screen.
  document: ["features/document/DocumentScreen.tsx", "editor/CollaborativeEditor.tsx"],
} as const;
export type RouteName = keyof typeof ROUTE_SCREENS;

/**
 * Every file a route's first screen downloads: the entry and its static imports, the screen's chunks
 * and their static imports, their CSS, and the largest of the language chunks (a reader gets one).
 */
export function firstScreenFiles(manifest: Manifest, route: RouteName): string[] {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest has no ${key}`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) {
    if (chunk.isEntry) visit(key);
    // With one stylesheet for the whole app (cssCodeSplit: false) it is a manifest record of its own.
    if (chunk.file.endsWith(".css") && !chunk.name) files.add(chunk.file);
  }
  for (const key of ROUTE_SCREENS[route]) visit(key);
  return [...files];
}

/** Keys of the language chunks (`locale-<lng>`), which only the reader's own downloads. */
export function localeKeys(manifest: Manifest): string[] {
  return Object.keys(manifest).filter((key) => /(^|\/|_)locale-[^/]+\.js$/.test(key));
}

/** Bytes a browser that accepts brotli downloads for a built file: its .br beside it, or itself. */
export function brotliBytes(distDir: string, file: string): number {
  const compressed = join(distDir, `${file}.br`);
  return statSync(existsSync(compressed) ? compressed : join(distDir, file)).size;
}

/** The source files a built chunk was made from, read from its source map. */
export function sourcesOf(distDir: string, file: string): string[] {
  const map = join(distDir, `${file}.map`);
  if (!existsSync(map)) return [];
  return (JSON.parse(readFileSync(map, "utf8")) as { sources: string[] }).sources;
}
