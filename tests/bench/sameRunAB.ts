import { BENCH, ISOLATION, roomName } from "./config";
import { pinThisProcess } from "./cpuIsolation";
import { fanOutTarget } from "./fanOutTarget";
import { median } from "./latency";
import { type LatencySubject, measureLatency } from "./latencyPhase";
import { LoadGenerator } from "./loadShards";
import { type BenchServer, killAllStarted, removeCreatedDataDirs, startMutual, startServer } from "./servers";

/**
 * Fan-out latency of several Mutual checkouts in ONE run, beside the relay and the reference: their
 * windows take turns as in `npm run bench`, so every variant meets the same machine noise, which two
 * separate runs do not. Each checkout is started as its own `npm start` does (its nodeFlags included):
 *   AB="before=/tmp/old after=/work/main" node --expose-gc --min-semi-space-size=16 \
 *     --max-semi-space-size=16 --import tsx tests/bench/sameRunAB.ts
 */
const variants = (process.env.AB ?? "")
  .split(/\s+/)
  .filter(Boolean)
  .map((pair) => {
    const [label, root] = pair.split("=");
    if (!label || !root) throw new Error(`AB entries are label=checkout, not ${pair}`);
    return { label, root };
  });
const log = (line: string) => process.stdout.write(`${line}\n`);

async function subject(server: BenchServer, rooms: string[]): Promise<LatencySubject> {
  await server.prepare(rooms);
  const load = new LoadGenerator(rooms);
  await load.connect(server.roomUrl, server.headers, server.kind !== "relay");
  log(`  ${server.label}: pid ${server.pid}, started in ${server.startMs.toFixed(0)} ms`);
  return { server, load };
}

async function main(): Promise<void> {
  if (variants.length === 0) throw new Error('set AB="label=checkout ..."');
  pinThisProcess(ISOLATION);
  log(ISOLATION.summary);
  const rooms = Array.from({ length: BENCH.rooms }, (_, i) => roomName("abroom0001", i + 1));
  const subjects: LatencySubject[] = [];
  try {
    subjects.push(await subject(await startServer("relay"), rooms));
    subjects.push(await subject(await startServer("reference"), rooms));
    for (const { label, root } of variants) {
      const server = await startMutual(undefined, undefined, root);
      server.label = label;
      subjects.push(await subject(server, rooms));
    }
    const results = await measureLatency(subjects);
    const windows = (i: number) => results[i]!.windowP99Ms;
    log("\nmedian of the windows' p99 (ms), p50 (ms); Mutual variants: x relay, x reference, target");
    for (const [i, { server }] of subjects.entries()) {
      const line = `  ${server.label.padEnd(12)} ${median(windows(i)).toFixed(2)}  ${results[i]!.p50Ms.toFixed(2)}`;
      if (server.kind !== "mutual") {
        log(line);
        continue;
      }
      const verdict = fanOutTarget(windows(i), windows(1), windows(0));
      log(
        `${line}  ${verdict.vsRelay.toFixed(2)}x  ${verdict.vsReference.toFixed(2)}x  ${verdict.pass ? "PASS" : "FAIL"}`,
      );
    }
    for (const [i, { server }] of subjects.entries()) {
      log(
        `  ${server.label} windows: ${windows(i)
          .map((ms) => ms.toFixed(2))
          .join(", ")}`,
      );
    }
  } finally {
    await Promise.allSettled(subjects.map(({ load }) => load.terminate()));
    await Promise.allSettled(subjects.map(({ server }) => server.stop()));
    killAllStarted();
    removeCreatedDataDirs();
  }
}

const limit = setTimeout(() => {
  process.stderr.write("sameRunAB: over 15 minutes, stopping\n");
  killAllStarted();
  process.exit(2);
}, 15 * 60_000);
main().then(
  () => {
    clearTimeout(limit);
    process.exit(0);
  },
  (error: Error) => {
    process.stderr.write(`sameRunAB failed: ${error.stack ?? error.message}\n`);
    killAllStarted();
    process.exit(1);
  },
);
