import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll } from "vitest";
import { createExchange, type ExchangeFixture } from "./api";
import { serverArgs } from "./serverCommand";
import { tempDir } from "./tempDir";

export interface RunningServer {
  url: string;
  wsUrl: string;
  port: number;
  pid: number;
  dataDir: string;
  /** Every JSON log line printed so far. */
  logs: Array<Record<string, unknown>>;
  /** Every line printed so far on stdout or stderr, JSON or not. */
  output: string[];
  /** SIGTERM and wait for exit (graceful shutdown). */
  stop(): Promise<void>;
  /** SIGKILL and wait for exit (a crash). */
  kill(): Promise<void>;
}

const root = join(import.meta.dirname, "..", "..");

/** Starts `server/main.ts` in a child process on 127.0.0.1 and a free port; resolves once it listens. */
export async function startServer(
  options: { dataDir?: string; port?: number; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const dataDir = options.dataDir ?? tempDir("mutual-test-");
  const child = spawn(process.execPath, serverArgs(root), {
    cwd: root,
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: String(options.port ?? 0),
      DATA_DIR: dataDir,
      ROOM_IDLE_MS: "2000",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Array<Record<string, unknown>> = [];
  const output: string[] = [];
  let stderr = "";
  child.stderr!.on("data", (chunk) => {
    stderr += chunk;
  });
  createInterface({ input: child.stderr! }).on("line", (line) => output.push(line));
  const port = await new Promise<number>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`server did not start in 20 s: ${stderr}`)), 20_000);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      output.push(line);
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.event === "listening") {
          clearTimeout(timeout);
          resolve(entry.port as number);
        }
      } catch {
        // not a log line
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timeout);
      reject(new Error(`server exited with ${code}: ${stderr} ${JSON.stringify(logs.slice(-3))}`));
    });
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  const signal = (name: NodeJS.Signals) => async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    port,
    pid: child.pid!,
    dataDir,
    logs,
    output,
    stop: signal("SIGTERM"),
    kill: signal("SIGKILL"),
  };
}

/** A server and an exchange on it for one test file: started before its tests, stopped after. */
export function serverWithExchange(): { readonly server: RunningServer; readonly exchange: ExchangeFixture } {
  const env = {} as { server: RunningServer; exchange: ExchangeFixture };
  beforeAll(async () => {
    env.server = await startServer();
    env.exchange = await createExchange(env.server.url);
  });
  afterAll(async () => {
    await env.server?.stop();
  });
  return env;
}
