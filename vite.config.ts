import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// One config for the client build and for Vitest. The client is built into dist/client and served by
// the Mutual server itself, so every asset comes from the same origin (no CDN, no font service).
export default defineConfig({
  root: "client",
  // client/public holds the service worker and favicon, copied to the build root unhashed.
  publicDir: "public",
  plugins: [react()],
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  test: {
    root: ".",
    include: ["tests/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: integration and browser tests start servers; run files two at a time at most.
    maxWorkers: 2,
    pool: "forks",
  },
});
