import { fanOutTarget, RELAY_FACTOR } from "./fanOutTarget";
import { median } from "./latency";
import type { BenchResults, ServerResult } from "./run";

const MB = 1024 * 1024;

function fmt(value: number | undefined | null, digits = 1): string {
  if (value === undefined || value === null || Number.isNaN(value)) return "-";
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function ratio(a: number | undefined | null, b: number | undefined | null): string {
  if (
    a === undefined ||
    a === null ||
    b === undefined ||
    b === null ||
    !b ||
    Number.isNaN(a) ||
    Number.isNaN(b)
  ) {
    return "-";
  }
  return `${(a / b).toFixed(2)}x`;
}

interface Row {
  label: string;
  pick: (server: ServerResult) => number | undefined | null;
  digits?: number;
}

const rows: Row[] = [
  { label: "fan-out p50 @1,000 updates/s (ms)", pick: (s) => s.latency.p50Ms, digits: 2 },
  { label: "fan-out p99 @1,000 updates/s (ms)", pick: (s) => s.latency.p99Ms, digits: 2 },
  {
    label: "  median of the windows' p99 (ms)",
    pick: (s) => median(s.latency.windowP99Ms),
    digits: 2,
  },
  { label: "deliveries lost @1,000/s", pick: (s) => s.latency.expected - s.latency.delivered, digits: 0 },
  {
    label: "frames received per delivery @1,000/s",
    pick: (s) => s.latency.framesReceived / s.latency.delivered,
    digits: 2,
  },
  { label: "server CPU @1,000/s (% of a core)", pick: (s) => 100 * s.latency.cpu.server, digits: 0 },
  { label: "  its event loop (% of a core)", pick: (s) => 100 * s.latency.cpu.eventLoop, digits: 1 },
  {
    label: "  event loop waiting for a core (% of time)",
    pick: (s) => 100 * s.latency.cpu.eventLoopWaiting,
    digits: 1,
  },
  { label: "server RSS @1,000/s, mean (MB)", pick: (s) => s.latency.serverRssMeanBytes / MB },
  { label: "load generator CPU @1,000/s (cores)", pick: (s) => s.latency.cpu.generator, digits: 2 },
  { label: "other processes' CPU then (cores)", pick: (s) => s.latency.cpu.background, digits: 2 },
  {
    label: "max sustained updates/s offered",
    pick: (s) => s.capacity.maxSustainedUpdatesPerSecond,
    digits: 0,
  },
  { label: "max sustained deliveries/s", pick: (s) => s.capacity.maxSustainedDeliveriesPerSecond, digits: 0 },
  { label: "RSS per idle connection (KB)", pick: (s) => s.idle.perConnectionBytes / 1024 },
  {
    label: "large doc: RSS growth on upload (MB)",
    pick: (s) => s.largeDocument && s.largeDocument.uploadRssGrowthBytes / MB,
  },
  { label: "large doc: cold sync, in memory (ms)", pick: (s) => s.largeDocument?.coldSync.medianMs },
  {
    label: "large doc: cold sync after restart (ms)",
    pick: (s) => s.largeDocument?.afterRestart?.coldSync.medianMs,
  },
  {
    label: "large doc: RSS growth loading from disk (MB)",
    pick: (s) => s.largeDocument?.afterRestart && s.largeDocument.afterRestart.loadRssGrowthBytes / MB,
  },
];

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** The final table, the Mutual-only storage numbers and the PASS/FAIL lines of the targets. */
export function printReport(results: BenchResults, log: (line: string) => void): void {
  const { mutual, reference, relay } = results.servers;
  if (!mutual || !reference || !relay) {
    log("\nPartial run (BENCH_SERVERS): no table; see the per-server lines above.");
    return;
  }
  const header = ["", "Mutual", "Reference", "Bare relay", "Mutual/Ref", "Mutual/Relay", "Ref/Relay"];
  const table = rows.map((row) => {
    const m = row.pick(mutual);
    const r = row.pick(reference);
    const b = row.pick(relay);
    return [
      row.label,
      fmt(m, row.digits),
      fmt(r, row.digits),
      fmt(b, row.digits),
      ratio(m, r),
      ratio(m, b),
      ratio(r, b),
    ];
  });
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...table.map((line) => line[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => pad(cell, widths[i]!, i > 0)).join("  ");
  log("");
  log(
    `Benchmark: ${results.machine.cpus} cores, node ${results.machine.node}, ${results.machine.loadWorkers} load threads; ` +
      `20 rooms x 10 clients; large doc ${fmt(results.largeDocument.encodedBytes / 1000, 0)} KB from ` +
      `${results.largeDocument.operations.toLocaleString("en-US")} edits`,
  );
  log(results.machine.isolation.summary);
  log(`Mutual started from ${results.mutualRoot}`);
  log(line(header));
  log(line(widths.map((w) => "-".repeat(w))));
  for (const cells of table) log(line(cells));

  log("");
  for (const server of [mutual, reference, relay]) {
    const c = server.capacity;
    const last = c.steps.at(-1);
    const cpu = last
      ? ` (last step: CPU server ${fmt(100 * last.cpu.server, 0)} %, generator ${fmt(last.cpu.generator, 2)} cores, ` +
        `others ${fmt(last.cpu.background, 2)} cores, busiest load thread ${fmt(100 * last.generatorElu, 0)} %)`
      : "";
    log(`capacity ${server.kind}: stopped by ${c.stoppedBy}; saturated: ${c.saturated}${cpu}`);
  }

  const disk = mutual.latency.disk;
  const large = mutual.largeDocument;
  log("");
  if (disk) {
    log(
      `Mutual disk @1,000/s: ${fmt(disk.perUpdateWriteBytes, 0)} B write_bytes per update ` +
        `(${fmt(disk.writeBytes / 1024, 0)} KB over ${mutual.latency.sent} updates), ` +
        `${fmt(disk.perUpdateWchar, 0)} B wchar per update, data dir grew ${fmt(disk.perUpdateDataDirBytes, 0)} B per update` +
        (disk.writeBytes === 0 ? " (write_bytes reads 0 here: use wchar)" : ""),
    );
  }
  if (large?.afterRestart) {
    const a = large.afterRestart;
    log(
      `Mutual storage after compaction: SQLite files ${fmt(a.dataDirBytes / 1000, 0)} KB ` +
        `(${ratio(a.dataDirBytes, large.encodedBytes)} the encoded doc of ${fmt(large.encodedBytes / 1000, 0)} KB), ` +
        `snapshot ${fmt(a.snapshotBytes / 1000, 0)} KB (${ratio(a.snapshotBytes, large.encodedBytes)}), ` +
        `${a.leftoverUpdates} updates left in the log`,
    );
  }

  log("");
  for (const server of [mutual, reference, relay]) {
    const windows = server.latency.windowP99Ms.map((ms) => fmt(ms, 2)).join(", ");
    log(`fan-out p99 per window, in order, ${server.kind}: ${windows} ms`);
  }

  log("");
  const target = (ok: boolean, text: string) => log(`${ok ? "PASS" : "FAIL"}  ${text}`);
  const fanOut = fanOutTarget(
    mutual.latency.windowP99Ms,
    reference.latency.windowP99Ms,
    relay.latency.windowP99Ms,
  );
  target(
    fanOut.pass,
    `p99 fan-out (median of the windows' p99) ${fmt(fanOut.mutualMs, 2)} ms: ` +
      `${ratio(fanOut.mutualMs, fanOut.relayMs)} the bare relay (${fmt(fanOut.relayMs, 2)} ms; target <= ${RELAY_FACTOR}x) ` +
      `or ${ratio(fanOut.mutualMs, fanOut.referenceMs)} the reference of this run (${fmt(fanOut.referenceMs, 2)} ms; target <= 1.00x)`,
  );
  target(
    mutual.capacity.maxSustainedDeliveriesPerSecond >= reference.capacity.maxSustainedDeliveriesPerSecond,
    `sustained deliveries/s ${fmt(mutual.capacity.maxSustainedDeliveriesPerSecond, 0)} no worse than the reference ` +
      `(${fmt(reference.capacity.maxSustainedDeliveriesPerSecond, 0)})`,
  );
  target(
    mutual.idle.perConnectionBytes <= reference.idle.perConnectionBytes,
    `RSS per connection ${fmt(mutual.idle.perConnectionBytes / 1024)} KB no worse than the reference ` +
      `(${fmt(reference.idle.perConnectionBytes / 1024)} KB)`,
  );
  const refSync = reference.largeDocument?.coldSync.medianMs ?? Number.NaN;
  const memSync = large?.coldSync.medianMs ?? Number.NaN;
  const diskSync = large?.afterRestart?.coldSync.medianMs ?? Number.NaN;
  target(
    memSync <= refSync,
    `first sync of the large doc, room in memory, ${fmt(memSync)} ms no worse than the reference (${fmt(refSync)} ms)`,
  );
  target(
    diskSync <= refSync,
    `first sync of the large doc after a restart (from disk) ${fmt(diskSync)} ms no worse than the reference ` +
      `in memory (${fmt(refSync)} ms)`,
  );
}
