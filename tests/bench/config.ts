import { planIsolation } from "./cpuIsolation";

/** The servers' cores and the load generator's (tests/bench/cpuIsolation.ts), decided once per run. */
export const ISOLATION = planIsolation();

/** Every knob of the benchmark in one place; the values follow the issue (20 rooms x 10 clients, 1,000 updates/s). */
export const BENCH = {
  /** Which servers to run (BENCH_SERVERS=mutual,relay for a quicker look; the table needs all three). */
  servers: (process.env.BENCH_SERVERS ?? "relay,reference,mutual")
    .split(",")
    .filter((kind): kind is ServerKind => ["relay", "reference", "mutual"].includes(kind)),
  rooms: 20,
  clientsPerRoom: 10,
  /** Characters per generated update: every update advances its client's clock by exactly this much. */
  charsPerUpdate: 4,
  /**
   * Load threads, one per core the load generator has (more on one core only preempt each other); each
   * owns whole rooms, so a send time and its receipts live in the same thread.
   */
  workers: Number(process.env.BENCH_WORKERS ?? ISOLATION.loadCores.length),

  latency: {
    rate: 1_000,
    /**
     * Once per server, before its first window. Measured under continuous load, Mutual's server used
     * 60 % of a core in its first 3 s, 31 % after 6 s and a steady 21-22 % only after 12 s (the JIT
     * still optimising), with its p99 following; 6 s of warm-up left that in the first windows. The same
     * for every server.
     */
    warmupMs: 15_000,
    /**
     * The servers take turns: `rounds` rounds of one window each (30 s measured per server in all). A p99
     * at 1,000 updates/s rests on the few stalls the machine makes in that time: with 5 rounds (10 s) the
     * in-memory reference, unchanged from run to run, scored 0.85x, 1.90x and 1.12x the relay in three
     * runs on one machine.
     */
    rounds: 15,
    windowMs: 2_000,
    /** Unmeasured load just before each window (the server sat idle during the others' windows). */
    windowWarmupMs: 300,
    /** A window is measured again when other processes used more than this many cores meanwhile, */
    maxBackgroundCores: 0.3,
    /** or when a server waiting for its turn did more than idle work (its own heartbeat: well under this). */
    maxIdleServerCores: 0.005,
  },
  /** How long to wait for a quiet machine before a measurement (it may be shared with other jobs). */
  quietWaitMs: { latency: 8_000, rampStep: 3_000 },

  ramp: {
    startRate: 2_000,
    factor: 1.5,
    maxSteps: 10,
    stepMs: 3_000,
    /** An update not delivered this long after its step ended counts as lost. */
    drainMs: 2_000,
    lateP99Ms: 250,
    /** Hard limit for the whole ramp of one server. */
    timeLimitMs: 60_000,
    /** The generator is the bottleneck when it could not offer this share of the planned updates. */
    minOfferedShare: 0.95,
  },

  /**
   * RSS growth divided by the connections. At 1,000 the noise of when the collector ran was a few KB per
   * connection (Mutual 7.3-11.4 KB, the reference 12.0-14.7 KB over four starts each); at 2,000 it halved
   * (8.7-9.9 KB and 11.3-12.0 KB).
   */
  idle: { connections: 2_000, rooms: 200, concurrency: 50 },

  largeDocument: { targetBytes: 750_000, coldSyncRepeats: 11, restartRepeats: 3 },

  /**
   * Hard limit for the whole run; everything is stopped after it. A run takes ~9 minutes on a quiet
   * machine; waiting for quiet and measuring disturbed windows again takes longer on a shared one.
   */
  totalTimeLimitMs: 15 * 60_000,
  serverStartTimeoutMs: 20_000,
  /** Longest wait for a server to unload the rooms a phase left empty (Mutual: ROOM_IDLE_MS, 30 s, after). */
  settleTimeoutMs: 45_000,
} as const;

/** Room names valid for Mutual (<exchangeId>/<documentId>, ids of 8-32 [A-Za-z0-9_-]) and usable anywhere. */
export function roomName(prefix: string, index: number): string {
  return `${prefix}/doc${String(index).padStart(7, "0")}`;
}

/** The per-room path each kind of server expects. */
export type ServerKind = "mutual" | "reference" | "relay";
