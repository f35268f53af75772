import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import * as Y from "yjs";
import { createHistoryService, type HistoryService } from "../../server/history/historyService";
import { silentLogger } from "../../server/log";
import type { UpdateRecord } from "../../server/storage/DocumentStorage";
import { encodeUpdateBatch } from "../../server/storage/journal/journalFormat";
import { openSqliteDatabase, type SqliteDatabase } from "../../server/storage/sqlite/openSqliteDatabase";
import { createSqliteDirectoryStorage } from "../../server/storage/sqlite/SqliteDirectoryStorage";
import { createSqliteDocumentStorage } from "../../server/storage/sqlite/SqliteDocumentStorage";
import { DocumentLayout } from "../../shared/schema/documentLayout";
import { seededRandom } from "../support/collabClient";

/**
 * Version history benchmark (issue 32): a 50-page document edited by 5 participants of 3 delegations
 * over 2 simulated hours (about 50,000 keystroke-sized edits: typing, deleting, formatting, new
 * paragraphs), stored as the server stores it (the attributed log in batches), with an automatic
 * version every 3 minutes and a named one every 20. Then: storage against the encoded document and
 * against a full copy per version; listing 1,000 versions; rendering an old version; comparing two
 * versions 2 hours apart; replay steps. `npm run bench:history`, and part of `npm run bench`.
 */
export interface HistoryBenchResult {
  edits: number;
  simulatedMinutes: number;
  versions: number;
  paragraphs: number;
  textLength: number;
  bytes: {
    encodedDocument: number;
    log: number;
    versionRecords: number;
    checkpoints: number;
    checkpointCount: number;
    historyTotal: number;
    perVersion: number;
    fullCopyPerVersion: number;
  };
  ms: {
    createVersionMedian: number;
    createVersionMax: number;
    listFirstPage: number;
    listAll1000: number;
    renderOldVersionCold: number;
    renderOldVersionWarm: number;
    compareTwoHoursCold: number;
    compareTwoHoursWarm: number;
    replayPlan: number;
    replayStepForward: number;
    replayStepRandom: number;
  };
}

const ROOM = "benchExchange1/benchDocument1";
const EDITS = Number(process.env.HISTORY_BENCH_EDITS ?? 50_000);
const SIMULATED_MS = 2 * 3600_000;
const AUTO_EVERY_MS = 3 * 60_000;
const NAMED_EVERY_MS = 20 * 60_000;
const BATCH = 100;
const PAGES = 50;
/** About 500 words a page, in paragraphs of about 60 words. */
const PARAGRAPHS = PAGES * 8;

const WORDS =
  "policy residents clinic water rivers committee neighbourhood health planning visit older access transport budget report delegation learning exchange".split(
    " ",
  );

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const time = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
};

export async function runHistoryBench(log: (line: string) => void): Promise<HistoryBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "mutual-history-bench-"));
  let db: SqliteDatabase | null = null;
  const services: HistoryService[] = [];
  try {
    db = openSqliteDatabase(join(dir, "mutual.db"));
    let clock = Date.UTC(2026, 10, 3, 9, 0);
    const now = () => clock;
    const storage = createSqliteDocumentStorage(db, { now });
    const directory = createSqliteDirectoryStorage(db);
    await directory.createSession("benchSession01", clock);
    await directory.createExchange({
      id: "benchExchange1",
      title: "Bench",
      description: "",
      timeZone: "UTC",
      createdAt: clock,
    });
    const delegations = ["benchDelegatA", "benchDelegatB", "benchDelegatC"];
    for (const [i, id] of delegations.entries()) {
      await directory.createDelegation(
        {
          id,
          exchangeId: "benchExchange1",
          name: `Delegation ${i}`,
          country: "BR",
          color: "green",
          timeZone: "UTC",
          workingLanguage: "en",
        },
        clock,
      );
    }
    const people = ["benchPerson00", "benchPerson01", "benchPerson02", "benchPerson03", "benchPerson04"];
    for (const [i, id] of people.entries()) {
      await directory.createParticipant({
        id,
        exchangeId: "benchExchange1",
        delegationId: delegations[i % 3]!,
        sessionId: "benchSession01",
        displayName: `Person ${i}`,
        role: "delegate",
        uiLanguage: "en",
        joinedAt: clock,
        removedAt: null,
      } as Parameters<typeof directory.createParticipant>[0]);
    }
    const makeService = () => {
      const service: HistoryService = createHistoryService({
        storage,
        rooms: { join: () => Promise.reject(new Error("no rooms")), leave() {}, flushWrites: async () => {} },
        log: silentLogger,
        now,
      });
      services.push(service);
      return service;
    };
    const history = makeService();

    // One document, five Yjs client ids (one per participant's editor), as the live room holds it.
    const doc = new Y.Doc();
    const content = doc.getXmlFragment(DocumentLayout.content);
    const clients = people.map((_, i) => 1000 + i);
    const random = seededRandom(32);
    const pending: UpdateRecord[] = [];
    const bound = new Set<number>();
    let author = 0;
    doc.on("update", (update: Uint8Array) => {
      const client = clients[author]!;
      pending.push({
        documentName: ROOM,
        update,
        author: people[author]!,
        newClientIds: bound.has(client) ? [] : [client],
      });
      bound.add(client);
    });
    const flush = async () => {
      if (pending.length === 0) return;
      await storage.appendUpdates(encodeUpdateBatch(pending.splice(0)));
    };
    const sentence = (words: number) =>
      Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]).join(" ");

    // The 50 pages, written by the first participant in 40 pastes.
    author = 0;
    doc.clientID = clients[0]!;
    for (let chunk = 0; chunk < 40; chunk++) {
      doc.transact(() => {
        content.push(
          Array.from({ length: PARAGRAPHS / 40 }, () => {
            const paragraph = new Y.XmlElement("paragraph");
            paragraph.insert(0, [new Y.XmlText(`${sentence(60)}.`)]);
            return paragraph;
          }),
        );
      });
    }
    await flush();
    const versionTimes: number[] = [];
    const fullCopies: number[] = [];
    const makeVersion = async (kind: "auto" | "named", name?: string) => {
      await flush();
      const [version, ms] = await time(() => history.createVersion(ROOM, { kind, name: name ?? null }));
      if (!version) return;
      versionTimes.push(ms);
      fullCopies.push(Y.encodeStateAsUpdate(doc).byteLength);
    };
    await makeVersion("named", "Seeded");

    // Each participant works around a paragraph of their own, moving on now and then.
    const cursors = people.map(() => Math.floor(random() * PARAGRAPHS));
    const start = clock;
    let nextAuto = start + AUTO_EVERY_MS;
    let nextNamed = start + NAMED_EVERY_MS;
    const started = performance.now();
    for (let edit = 0; edit < EDITS; edit++) {
      clock = start + Math.round((edit / EDITS) * SIMULATED_MS);
      author = Math.floor(random() * people.length);
      doc.clientID = clients[author]!;
      if (random() < 0.01) cursors[author] = Math.floor(random() * content.length);
      const paragraph = content.get(Math.min(cursors[author]!, content.length - 1)) as Y.XmlElement;
      const text = paragraph.get(0) as Y.XmlText;
      const length = text.length;
      const roll = random();
      if (roll < 0.72 || length < 20) {
        const at = Math.floor(random() * (length + 1));
        text.insert(
          at,
          random() < 0.2
            ? " "
            : WORDS[Math.floor(random() * WORDS.length)]!.slice(0, 1 + Math.floor(random() * 6)),
        );
      } else if (roll < 0.92) {
        const at = Math.floor(random() * (length - 10));
        text.delete(at, 1 + Math.floor(random() * 10));
      } else if (roll < 0.97) {
        const at = Math.floor(random() * (length - 12));
        text.format(at, 4 + Math.floor(random() * 8), { bold: random() < 0.7 ? {} : null });
      } else {
        const index = Math.min(cursors[author]! + 1, content.length);
        const added = new Y.XmlElement("paragraph");
        added.insert(0, [new Y.XmlText(sentence(3))]);
        content.insert(index, [added]);
        cursors[author] = index;
      }
      if (pending.length >= BATCH) await flush();
      if (clock >= nextNamed) {
        await makeVersion("named", `Checkpoint ${Math.round((clock - start) / 60_000)} min`);
        nextNamed += NAMED_EVERY_MS;
        nextAuto = clock + AUTO_EVERY_MS;
      } else if (clock >= nextAuto) {
        await makeVersion("auto");
        nextAuto += AUTO_EVERY_MS;
      }
    }
    await makeVersion("named", "End of day");
    log(
      `  simulated ${EDITS} edits in ${((performance.now() - started) / 1000).toFixed(1)} s, ${versionTimes.length} versions`,
    );

    const sum = (sql: string) => (db!.prepare(sql).pluck().get(ROOM) as number | null) ?? 0;
    const logBytes = await storage.logBytes(ROOM);
    const versionRecords = sum(
      "SELECT SUM(LENGTH(changes) + LENGTH(state_vector) + LENGTH(contributors) + 64) FROM document_versions WHERE document_name = ?",
    );
    const checkpoints = sum("SELECT SUM(LENGTH(data)) FROM history_checkpoints WHERE document_name = ?");
    const checkpointCount = sum("SELECT COUNT(*) FROM history_checkpoints WHERE document_name = ?");
    const versionCount = versionTimes.length;
    const encodedDocument = Y.encodeStateAsUpdate(doc).byteLength;

    const versions = (await history.listVersions(ROOM, { limit: 10_000 })).reverse();
    const first = versions[0]!;
    const last = versions.at(-1)!;
    const old = versions[Math.floor(versions.length / 4)]!;

    // Cold: the history thread holds no document yet (as after a restart); warm: the same call again.
    const cold = async () => {
      await history.forgetBuilt();
      return history;
    };
    await history.versionState(ROOM, last.id); // the thread is started and its code loaded
    const [, renderCold] = await time(async () => (await cold()).versionState(ROOM, old.id));
    const warmRenders: number[] = [];
    for (let i = 0; i < 5; i++) warmRenders.push((await time(() => history.versionState(ROOM, old.id)))[1]);
    const renderWarm = median(warmRenders);
    const [compared, compareCold] = await time(async () => (await cold()).compare(ROOM, first.id, last.id));
    // Warm: the median of five, once the thread's code is compiled.
    const warmCompares: number[] = [];
    for (let i = 0; i < 5; i++)
      warmCompares.push((await time(() => history.compare(ROOM, first.id, last.id)))[1]);
    const compareWarm = median(warmCompares);
    const [plan, planMs] = await time(async () => (await cold()).replayPlan(ROOM));
    const forward: number[] = [];
    for (let i = 0; i < plan.length; i += Math.max(1, Math.floor(plan.length / 60))) {
      forward.push((await time(() => history.replayState(ROOM, plan[i]!.seq)))[1]);
    }
    const randomSteps: number[] = [];
    for (let i = 0; i < 20; i++) {
      const frame = plan[Math.floor(random() * plan.length)]!;
      randomSteps.push((await time(async () => (await cold()).replayState(ROOM, frame.seq)))[1]);
    }

    // 1,000 versions: name more points of the same log until there are, then list them as the UI does.
    const lastSeq = await storage.lastSeq(ROOM);
    const template = (await storage.getVersion(ROOM, last.id))!;
    for (let i = await storage.countVersions(ROOM); i < 1000; i++) {
      await storage.addVersion({
        ...template,
        kind: "auto",
        name: null,
        throughSeq: lastSeq,
        changes: new Uint8Array([0]),
      });
    }
    const [, listFirstPage] = await time(async () =>
      Promise.all([history.listVersions(ROOM, { limit: 50 }), history.countVersions(ROOM)]),
    );
    const [, listAll1000] = await time(async () => {
      let before: number | undefined;
      let total = 0;
      for (;;) {
        const page = await history.listVersions(ROOM, { beforeId: before, limit: 50 });
        total += page.length;
        if (page.length < 50) break;
        before = page.at(-1)!.id;
      }
      return total;
    });

    const historyTotal = logBytes + versionRecords + checkpoints;
    const result: HistoryBenchResult = {
      edits: EDITS,
      simulatedMinutes: SIMULATED_MS / 60_000,
      versions: versionCount,
      paragraphs: content.length,
      textLength: content.toArray().reduce((n, p) => n + ((p as Y.XmlElement).get(0) as Y.XmlText).length, 0),
      bytes: {
        encodedDocument,
        log: logBytes,
        versionRecords,
        checkpoints,
        checkpointCount,
        historyTotal,
        perVersion: (versionRecords + checkpoints) / versionCount,
        fullCopyPerVersion: fullCopies.reduce((a, b) => a + b, 0),
      },
      ms: {
        createVersionMedian: median(versionTimes),
        createVersionMax: Math.max(...versionTimes),
        listFirstPage,
        listAll1000,
        renderOldVersionCold: renderCold,
        renderOldVersionWarm: renderWarm,
        compareTwoHoursCold: compareCold,
        compareTwoHoursWarm: compareWarm,
        replayPlan: planMs,
        replayStepForward: median(forward),
        replayStepRandom: median(randomSteps),
      },
    };
    log(
      `  compare: ${compared.totals.map((t) => `${t.delegationId}: +${t.added} -${t.removed}`).join(", ")}`,
    );
    return result;
  } finally {
    for (const service of services) service.close();
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printHistoryReport(r: HistoryBenchResult, log: (line: string) => void): void {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  log("\n== Version history (issue 32)");
  log(
    `  ${r.edits} edits by 5 participants of 3 delegations over ${r.simulatedMinutes} simulated minutes; ${r.paragraphs} paragraphs, ${r.textLength} characters; ${r.versions} versions`,
  );
  log(`  encoded document now            ${kb(r.bytes.encodedDocument)}`);
  log(`  attributed log (kept anyway)    ${kb(r.bytes.log)}`);
  log(`  version records                 ${kb(r.bytes.versionRecords)}`);
  log(`  checkpoints (${r.bytes.checkpointCount})                ${kb(r.bytes.checkpoints)}`);
  log(
    `  history in total                ${kb(r.bytes.historyTotal)} (${(r.bytes.historyTotal / r.bytes.encodedDocument).toFixed(1)}x the document)`,
  );
  log(
    `  added per version               ${kb(r.bytes.perVersion)} (${((100 * r.bytes.perVersion) / r.bytes.encodedDocument).toFixed(1)} % of the document)`,
  );
  log(
    `  a full copy per version instead ${kb(r.bytes.fullCopyPerVersion)} (${(r.bytes.fullCopyPerVersion / r.bytes.historyTotal).toFixed(1)}x this history)`,
  );
  log(
    `  make a version                  median ${ms(r.ms.createVersionMedian)}, max ${ms(r.ms.createVersionMax)}`,
  );
  log(
    `  list 1,000 versions             first page + count ${ms(r.ms.listFirstPage)}, all 20 pages ${ms(r.ms.listAll1000)}`,
  );
  log(
    `  render an old version           cold ${ms(r.ms.renderOldVersionCold)}, warm ${ms(r.ms.renderOldVersionWarm)}`,
  );
  log(
    `  compare 2 hours apart           cold ${ms(r.ms.compareTwoHoursCold)}, warm ${ms(r.ms.compareTwoHoursWarm)} (target < 200 ms)`,
  );
  log(
    `  replay                          plan ${ms(r.ms.replayPlan)}, step forward ${ms(r.ms.replayStepForward)}, random step ${ms(r.ms.replayStepRandom)}`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  runHistoryBench(log).then(
    (result) => {
      printHistoryReport(result, log);
      const out = join(import.meta.dirname, "..", "..", "test-results");
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, "bench-history.json"), `${JSON.stringify(result, null, 2)}\n`);
      process.exit(0);
    },
    (error: Error) => {
      process.stderr.write(`history bench failed: ${error.stack ?? error.message}\n`);
      process.exit(1);
    },
  );
}
