import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** The compiled server `npm run build` writes (scripts/buildServer.mjs) and `npm start` runs. */
export const SERVER_ENTRY = join("dist", "server", "main.mjs");

/** The newest modification time of the server's sources (server/, shared/, and the locale files it bundles), in ms. */
function newestSourceMs(root: string): number {
  let newest = 0;
  for (const dir of ["server", "shared", "locales"]) {
    for (const name of readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })) {
      if (/\.(ts|mjs)$|builtInTemplates\.json$/.test(name))
        newest = Math.max(newest, statSync(join(root, dir, name)).mtimeMs);
    }
  }
  return newest;
}

/**
 * The node arguments `npm start` runs the server with (package.json `config.nodeFlags`, then the
 * compiled entry point), so that tests and benchmarks measure the server as it is deployed, built from
 * the sources as they are.
 */
export function serverArgs(root: string): string[] {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    config?: { nodeFlags?: string };
  };
  // A test of a server older than its sources would pass or fail for the wrong code: build it again
  // (a fraction of a second; scripts/buildServer.mjs replaces each file in one rename).
  const entry = join(root, SERVER_ENTRY);
  if (!existsSync(entry) || statSync(entry).mtimeMs < newestSourceMs(root)) {
    execFileSync(process.execPath, ["scripts/buildServer.mjs"], { cwd: root, stdio: "inherit" });
  }
  const flags = manifest.config?.nodeFlags?.split(/\s+/).filter(Boolean) ?? [];
  return [...flags, SERVER_ENTRY];
}
