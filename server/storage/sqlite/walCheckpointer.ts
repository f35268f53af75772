import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { SqliteDatabase } from "./openSqliteDatabase";

// Runs in the worker: its own connection checkpoints the write-ahead log in PASSIVE mode (never blocks
// writers). Plain JavaScript so the worker needs no TypeScript loader.
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 1000");
const timer = setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch (error) { parentPort.postMessage(String(error)); }
}, workerData.intervalMs);
parentPort.on("message", () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/**
 * Moves WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever commit
 * crosses the threshold and copies pages for milliseconds; here a worker thread does it every
 * `intervalMs`, and the automatic one stays only as a far-off safety net.
 */
export function startWalCheckpointer(
  db: SqliteDatabase,
  file: string,
  options: { intervalMs?: number; onError?: (message: string) => void } = {},
): { stop(): Promise<void> } {
  db.pragma("wal_autocheckpoint = 20000");
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: {
      file,
      intervalMs: options.intervalMs ?? 1000,
      driver: createRequire(import.meta.url).resolve("better-sqlite3"),
    },
  });
  worker.unref();
  worker.on("message", (message: string) => options.onError?.(message));
  worker.on("error", (error) => options.onError?.(error.message));
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        worker.ref(); // hold the process until the worker has closed its connection
        worker.once("exit", () => resolve());
        worker.postMessage("stop");
      }),
  };
}
