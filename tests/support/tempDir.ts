import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

const created: string[] = [];

// Each test file loads its own copy of this module, so this runs once per file, after that file's own
// hooks have stopped its servers.
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A new empty directory under the system's temporary directory, removed when the test file ends: a
 * server's data directory must outlive a single test (tests restart servers on it), not the file.
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}
