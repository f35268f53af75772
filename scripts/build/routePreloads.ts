import type { Rolldown } from "vite";

type OutputBundle = Rolldown.OutputBundle;
type OutputChunk = Rolldown.OutputChunk;

/** The screen modules each route of client/navigation/paths.ts opens first. */
const ROUTE_MODULES = {
  home: ["client/features/home/HomeScreen.tsx"],
  join: ["client/features/join/JoinScreen.tsx"],
  exchange: ["client/features/exchange/ExchangeScreen.tsx"],
  document: ["client/features/document/DocumentScreen.tsx"],
  // Downloaded beside the document screen, at a lower priority: the socket opens without it.
  documentEditor: ["client/editor/CollaborativeEditor.tsx"],
  // An agenda's screen, once the shell has learnt the document is one.
  documentAgenda: ["client/features/agenda/AgendaView.tsx"],
} as const;

/**
 * For index.html's shell script: the files (as URLs) each route's first screen needs beyond the entry's
 * own, and each language's locale chunk (`locale-<lng>`), so that they download beside the entry
 * instead of after it has run (one round trip and the entry's own transfer sooner).
 */
export function routePreloads(bundle: OutputBundle): Record<string, string[]> {
  const chunks = Object.values(bundle).filter((file): file is OutputChunk => file.type === "chunk");
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const staticClosure = (roots: OutputChunk[]): Set<string> => {
    const seen = new Set<string>();
    const visit = (chunk: OutputChunk | undefined) => {
      if (!chunk || seen.has(chunk.fileName)) return;
      seen.add(chunk.fileName);
      for (const imported of chunk.imports) visit(byFile.get(imported));
    };
    for (const root of roots) visit(root);
    return seen;
  };
  const entry = staticClosure(chunks.filter((chunk) => chunk.isEntry));
  const preloads: Record<string, string[]> = {};
  const taken = new Set<string>();
  for (const [route, modules] of Object.entries(ROUTE_MODULES)) {
    const roots = modules.map((module) => {
      // A screen imported statically somewhere has no chunk of its own: the one holding it stands in.
      const chunk =
        chunks.find((candidate) => candidate.facadeModuleId?.endsWith(module)) ??
        chunks.find((candidate) => candidate.moduleIds.some((id) => id.endsWith(module)));
      if (!chunk) throw new Error(`index.html shell: no chunk holds ${module}`);
      return chunk;
    });
    // documentEditor and documentAgenda follow document: what is already preloaded is not asked for twice.
    const files = [...staticClosure(roots)].filter((file) => !entry.has(file) && !taken.has(file));
    if (route.startsWith("document")) for (const file of files) taken.add(file);
    preloads[route] = files.map((file) => `/${file}`);
  }
  for (const chunk of chunks) {
    if (/^(locale|agendaStrings)-/.test(chunk.name)) preloads[chunk.name] = [`/${chunk.fileName}`];
  }
  return preloads;
}
