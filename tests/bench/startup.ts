import { ISOLATION } from "./config";
import { pinThisProcess } from "./cpuIsolation";
import { median } from "./latency";
import { rssBytes } from "./procStats";
import { killAllStarted, mutualRoot, removeCreatedDataDirs, startServer } from "./servers";
import { sleep } from "./wsClient";

/**
 * Start time (spawn to the `listening` line) and idle RSS (after 5 s without clients) of Mutual and of
 * the reference, a few starts each on the bench's cores: `node --import tsx tests/bench/startup.ts`
 * (MUTUAL_ROOT: another checkout's Mutual, started as its own `npm start` does).
 */
const STARTS = Number(process.env.STARTS ?? 5);
const IDLE_MS = 5_000;

async function measure(kind: "mutual" | "reference") {
  const starts: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const server = await startServer(kind);
    try {
      starts.push(server.startMs);
      await sleep(IDLE_MS);
      rss.push(rssBytes(server.pid) / 1024 / 1024);
    } finally {
      await server.stop();
    }
  }
  const list = (values: number[]) => values.map((v) => v.toFixed(0)).join(", ");
  process.stdout.write(
    `${kind}: start to listening median ${median(starts).toFixed(0)} ms (${list(starts)}); ` +
      `idle RSS median ${median(rss).toFixed(1)} MB (${list(rss)})\n`,
  );
}

pinThisProcess(ISOLATION);
process.stdout.write(`${ISOLATION.summary}\nMutual from ${mutualRoot}\n`);
try {
  await measure("mutual");
  await measure("reference");
} finally {
  killAllStarted();
  removeCreatedDataDirs();
}
