import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { mutualClientParams } from "../../shared/protocol/mutualClient";
import { BENCH, ISOLATION, type ServerKind } from "./config";
import { checkServerCores, onServerCores } from "./cpuIsolation";
import { commandLine } from "./procStats";
import { sleep } from "./wsClient";

export interface BenchServer {
  kind: ServerKind;
  /** The name in log lines: the kind, or a variant's name (tests/bench/sameRunAB.ts). */
  label: string;
  port: number;
  /** The pid of the node process serving (not a wrapper). */
  pid: number;
  /** Mutual only: where its SQLite file lives. */
  dataDir: string | null;
  /** WebSocket URL of a room on this server (Mutual: a document made by `prepare`). */
  roomUrl(room: string): string;
  /** Headers every socket sends (Mutual: its session cookie and its own Origin). */
  headers: Record<string, string>;
  /** Makes the rooms exist where the server needs that (Mutual: one document per room name). */
  prepare(rooms: readonly string[]): Promise<void>;
  /** Mutual only: the exchange, session and documents, kept across a restart on the same data dir. */
  access: MutualAccess | null;
  /**
   * Resolves once the server holds no room without clients (Mutual unloads an empty room `ROOM_IDLE_MS`
   * after its last client left; the others drop it at once).
   */
  settle(): Promise<void>;
  /** Last lines of output, for error messages. */
  tail(): string;
  /** From spawning the process to its `listening` line, in ms. */
  startMs: number;
  /** SIGTERM and wait for the exit (Mutual compacts every document on the way out). */
  stop(): Promise<void>;
}

const root = join(import.meta.dirname, "..", "..");
const running = new Set<ChildProcess>();
const createdDirs = new Set<string>();

/** Deletes the temporary data directories this run created (call after every server stopped). */
export function removeCreatedDataDirs(): void {
  for (const dir of createdDirs) rmSync(dir, { recursive: true, force: true });
  createdDirs.clear();
}

/** Kills (by pid, through its ChildProcess) every server this run started and has not stopped. */
export function killAllStarted(): void {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
}

/** A port that was free a moment ago (the reference server cannot report the port it got for 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

interface Spawned {
  child: ChildProcess;
  port: number;
  tail: () => string;
  startMs: number;
}

/**
 * Where Mutual is started from: this checkout, or MUTUAL_ROOT (another checkout of the project, e.g.
 * an exported commit, to bench a known server version while the working tree is being edited).
 */
export const mutualRoot = process.env.MUTUAL_ROOT ?? root;

function spawnAndWait(
  args: string[],
  env: Record<string, string>,
  readyPort: (line: string) => number | null,
  cwd = root,
): Promise<Spawned> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  // Any YPERSISTENCE value, even empty, would turn on the reference's LevelDB persistence.
  delete childEnv.YPERSISTENCE;
  // On the server cores, every server alike (taskset execs node: the pid stays the server's).
  const { command, args: commandArgs } = onServerCores(ISOLATION, args);
  const spawnedAt = performance.now();
  const child = spawn(command, commandArgs, {
    cwd,
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  const lines: string[] = [];
  const remember = (line: string) => {
    lines.push(line);
    if (lines.length > 20) lines.shift();
  };
  // Always drain both pipes: a server blocked on a full stdout pipe would measure the pipe.
  createInterface({ input: child.stderr! }).on("line", remember);
  const stdout = createInterface({ input: child.stdout! });
  const tail = () => lines.join("\n");
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server did not start in ${BENCH.serverStartTimeoutMs} ms:\n${tail()}`));
    }, BENCH.serverStartTimeoutMs);
    let ready = false;
    stdout.on("line", (line) => {
      if (ready) {
        if (!line.includes('"connection.')) remember(line);
        return;
      }
      remember(line);
      const port = readyPort(line);
      if (port !== null) {
        ready = true;
        clearTimeout(timeout);
        resolve({ child, port, tail, startMs: performance.now() - spawnedAt });
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timeout);
      if (!ready) reject(new Error(`server exited (${code ?? signal}) before listening:\n${tail()}`));
    });
  });
}

/** Mutual only admits members to documents that exist: one exchange, one session, a document per room. */
export interface MutualAccess {
  exchangeId: string;
  cookie: string;
  documents: Map<string, string>;
}

async function mutualRequest<T>(port: number, access: MutualAccess | null, path: string, body: unknown) {
  const origin = `http://127.0.0.1:${port}`;
  const response = await fetch(`${origin}${path}`, {
    method: "POST",
    headers: {
      Origin: origin,
      "Content-Type": "application/json",
      ...(access ? { Cookie: access.cookie } : {}),
    },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return { body: (await response.json()) as T, cookie: response.headers.get("set-cookie")?.split(";")[0] };
}

async function createMutualAccess(port: number): Promise<MutualAccess> {
  const { body, cookie } = await mutualRequest<{ exchange: { id: string } }>(port, null, "/api/exchanges", {
    title: "Bench exchange",
    description: "",
    timeZone: "UTC",
    facilitatorName: "Bench",
    uiLanguage: "en",
  });
  if (!cookie) throw new Error("Mutual set no session cookie");
  return { exchangeId: body.exchange.id, cookie, documents: new Map() };
}

function handle(
  kind: ServerKind,
  spawned: Spawned,
  dataDir: string | null,
  prefix: string,
  access: MutualAccess | null = null,
): BenchServer {
  const { child, port, tail, startMs } = spawned;
  const pid = child.pid!;
  const cmd = commandLine(pid);
  if (!cmd.startsWith(process.execPath)) throw new Error(`pid ${pid} is not node: ${cmd}`);
  checkServerCores(ISOLATION, pid);
  return {
    kind,
    label: kind,
    port,
    pid,
    dataDir,
    access,
    headers: access ? { Origin: `http://127.0.0.1:${port}`, Cookie: access.cookie } : {},
    roomUrl: (room) => {
      if (!access) return `ws://127.0.0.1:${port}${prefix}/${room}`;
      const documentId = access.documents.get(room);
      if (!documentId) throw new Error(`room ${room} was not prepared`);
      // As the app's client: asking for Mutual's own messages (saved acknowledgements cost the server work).
      const query = new URLSearchParams(mutualClientParams());
      return `ws://127.0.0.1:${port}${prefix}/${access.exchangeId}/${documentId}?${query}`;
    },
    async prepare(rooms) {
      if (!access) return;
      for (const room of rooms) {
        if (access.documents.has(room)) continue;
        const path = `/api/exchanges/${access.exchangeId}/documents`;
        const { body } = await mutualRequest<{ id: string }>(port, access, path, {
          kind: "notes",
          title: room,
        });
        access.documents.set(room, body.id);
      }
    },
    async settle() {
      if (kind !== "mutual") return;
      const deadline = Date.now() + BENCH.settleTimeoutMs;
      for (;;) {
        const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as {
          rooms: number;
          connections: number;
        };
        if (health.rooms === 0 && health.connections === 0) return;
        if (Date.now() > deadline) throw new Error(`mutual still holds ${health.rooms} rooms`);
        await sleep(500);
      }
    },
    tail,
    startMs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill("SIGKILL"), 20_000);
        child.once("exit", () => {
          clearTimeout(force);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

function jsonPort(line: string): number | null {
  try {
    const entry = JSON.parse(line) as { event?: string; port?: number };
    return entry.event === "listening" && typeof entry.port === "number" ? entry.port : null;
  } catch {
    return null;
  }
}

/**
 * The node arguments that checkout's `npm start` runs its server with, from its own
 * tests/support/serverCommand.ts: another checkout (MUTUAL_ROOT) may start its server another way.
 */
async function mutualArgs(root: string): Promise<string[]> {
  const command = pathToFileURL(join(root, "tests", "support", "serverCommand.ts")).href;
  const { serverArgs } = (await import(command)) as { serverArgs: (root: string) => string[] };
  return serverArgs(root);
}

/** Mutual with persistence on, started as `npm start` does (node flags included; no npm or tsx CLI, which would fork). */
export async function startMutual(
  dataDir?: string,
  access?: MutualAccess | null,
  root = mutualRoot,
  /** More environment (the scale-out bench: DATABASE_URL, REDIS_URL...). */
  env: Record<string, string> = {},
): Promise<BenchServer> {
  let dir = dataDir;
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), "mutual-bench-"));
    createdDirs.add(dir);
  }
  const spawned = await spawnAndWait(
    await mutualArgs(root),
    { HOST: "127.0.0.1", PORT: "0", DATA_DIR: dir, ...env },
    jsonPort,
    root,
  );
  return handle("mutual", spawned, dir, "/collab", access ?? (await createMutualAccess(spawned.port)));
}

/** The reference @y/websocket-server 0.1.1, in memory (no YPERSISTENCE). */
export async function startReference(): Promise<BenchServer> {
  let lastError: Error | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      const spawned = await spawnAndWait(
        ["node_modules/@y/websocket-server/src/server.js"],
        { HOST: "127.0.0.1", PORT: String(port) },
        (line) => (line.startsWith("running at") ? port : null),
      );
      return handle("reference", spawned, null, "");
    } catch (error) {
      lastError = error as Error; // the port was taken in between: try another
    }
  }
  throw lastError ?? new Error("reference server did not start");
}

/** The bare relay (tests/bench/bareRelay.ts). */
export async function startRelay(): Promise<BenchServer> {
  const spawned = await spawnAndWait(
    ["--import", "tsx", "tests/bench/bareRelay.ts"],
    { HOST: "127.0.0.1", PORT: "0" },
    jsonPort,
  );
  return handle("relay", spawned, null, "");
}

export function startServer(kind: ServerKind): Promise<BenchServer> {
  if (kind === "mutual") return startMutual();
  if (kind === "reference") return startReference();
  return startRelay();
}
