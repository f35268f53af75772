import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The node arguments `npm start` runs the server with (package.json `config.nodeFlags`, then the entry
 * point), so that tests and benchmarks measure the server as it is deployed.
 */
export function serverArgs(root: string): string[] {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    config?: { nodeFlags?: string };
  };
  const flags = manifest.config?.nodeFlags?.split(/\s+/).filter(Boolean) ?? [];
  return [...flags, "--import", "tsx", "server/main.ts"];
}
