// Builds the server into plain JavaScript (dist/server), so that `npm start` runs it without a
// TypeScript loader: no transpiling at start, no loader in memory. Packages stay in node_modules.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { build } from "esbuild";

const { outputFiles } = await build({
  entryPoints: {
    main: "server/main.ts",
    // Beside main.mjs on purpose: storageWorker.ts starts "./storageWorkerThread.mjs" next to the
    // module it is in, which in the sources is the tsx shim and here is the built thread.
    storageWorkerThread: "server/storage/sqlite/storageWorkerThread.ts",
    // Likewise for PostgreSQL's snapshot merges (server/storage/postgres/mergeWorker.ts).
    mergeWorkerThread: "server/storage/postgres/mergeWorkerThread.ts",
    // And for version history's documents (server/history/historyDocs.ts).
    historyWorkerThread: "server/history/historyWorkerThread.ts",
  },
  outdir: "dist/server",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  write: false,
});

// Each file replaced in one rename: a server starting meanwhile (tests build when the sources are
// newer, several at once) reads the old file or the new one, never half of one.
for (const file of outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  const partial = `${file.path}.${process.pid}.tmp`;
  writeFileSync(partial, file.contents);
  renameSync(partial, file.path);
}
