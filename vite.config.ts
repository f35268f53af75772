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
    // Long browser journeys (many screens, axe scans, screenshots) set 180 s: one took 34 s alone and over
    // 60 s beside the other browser files on a slower 2-core machine. The limit catches hangs, not speed.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: integration and browser tests start servers; run files two at a time at most.
    maxWorkers: 2,
    pool: "forks",
  },
});
