import { join } from "node:path";
import Database from "better-sqlite3";
import type { WebSocket } from "ws";
import * as Y from "yjs";
import { BENCH, roomName } from "./config";
import { median } from "./latency";
import { directoryBytes, rssBytes } from "./procStats";
import { isSyncStep2, syncStep1Frame, syncStep2Update, updateFrame } from "./protocol";
import { type BenchServer, startMutual, startServer } from "./servers";
import { closeAll, openSynced, sleep } from "./wsClient";

export interface LargeDocument {
  /** Y.encodeStateAsUpdate of the document. */
  update: Uint8Array;
  stateVector: Uint8Array;
  operations: number;
  textLength: number;
}

/** A fragmented text: tens of thousands of small inserts and deletes at random places (seeded). */
export function buildLargeDocument(targetBytes: number): LargeDocument {
  const doc = new Y.Doc();
  const text = doc.getText("t");
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
  let operations = 0;
  for (let round = 0; round < 400; round++) {
    for (let i = 0; i < 250; i++, operations++) {
      const length = text.length;
      if (length > 200 && random() < 0.3)
        text.delete(Math.floor(random() * (length - 3)), 1 + Math.floor(random() * 3));
      else
        text.insert(Math.floor(random() * (length + 1)), "abcdefgh".slice(0, 1 + Math.floor(random() * 6)));
    }
    if (Y.encodeStateAsUpdate(doc).byteLength >= targetBytes) break;
  }
  return {
    update: Y.encodeStateAsUpdate(doc),
    stateVector: Y.encodeStateVector(doc),
    operations,
    textLength: text.length,
  };
}

export interface ColdSync {
  medianMs: number;
  minMs: number;
  maxMs: number;
  bytes: number;
}

export interface LargeDocumentResult {
  encodedBytes: number;
  /** Server RSS growth from before the upload to 1 s after it was applied. */
  uploadRssGrowthBytes: number;
  /** A fresh client, room in memory: connect -> full sync step 2 received. */
  coldSync: ColdSync;
  /** Mutual only: the same after a restart, the document loaded from disk by that first client. */
  afterRestart?: {
    coldSync: ColdSync;
    /** RSS growth of the restarted server from loading the document for that client. */
    loadRssGrowthBytes: number;
    /** Sizes after the graceful (compacting) shutdown. */
    dataDirBytes: number;
    snapshotBytes: number;
    leftoverUpdates: number;
  };
}

function summarise(times: number[], bytes: number): ColdSync {
  return { medianMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), bytes };
}

/** One fresh client's first sync; checks once that it really got the whole document. */
export async function coldSync(server: BenchServer, room: string, document: LargeDocument, verify: boolean) {
  const { socket, step2, ms } = await openSynced(server.roomUrl(room), {
    waitForStep2: true,
    headers: server.headers,
    timeoutMs: 30_000,
  });
  await closeAll([socket]);
  const update = step2 && syncStep2Update(step2);
  if (!step2 || !update) throw new Error("no sync step 2");
  if (verify) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    if (doc.getText("t").length !== document.textLength) {
      throw new Error(`cold sync got ${doc.getText("t").length} characters, expected ${document.textLength}`);
    }
  }
  // What crossed the wire: Mutual deflates a large first sync for its own clients.
  return { ms, bytes: step2.byteLength };
}

/** Uploads the document with one client and waits until the server has applied it. */
export async function upload(server: BenchServer, room: string, document: LargeDocument) {
  await server.prepare([room]);
  const uploader = await openSynced(server.roomUrl(room), { waitForStep2: true, headers: server.headers });
  uploader.socket.send(updateFrame(document.update));
  // Messages are handled in order: the answer to a second step 1 comes after the update is applied.
  await answerTo(uploader.socket, document.stateVector);
  return uploader.socket;
}

/** Sends a sync step 1 on an open socket and waits for the step 2 answering it. */
function answerTo(socket: WebSocket, stateVector: Uint8Array): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error("upload not applied in 30 s")), 30_000);
    const onMessage = (data: Buffer) => {
      if (!isSyncStep2(data)) return;
      socket.off("message", onMessage);
      clearTimeout(timeout);
      resolve(performance.now() - started);
    };
    socket.on("message", onMessage);
    socket.send(syncStep1Frame(stateVector));
  });
}

/** Reads the stored snapshot of a room straight from Mutual's SQLite file (server stopped). */
/** Snapshot size and log rows not covered by it (the log itself is kept as attributed history). */
function storedSizes(dataDir: string, documentName: string) {
  const db = new Database(join(dataDir, "mutual.db"), { readonly: true });
  try {
    const snapshot = db
      .prepare<[string], { bytes: number; through: number }>(
        "SELECT length(data) AS bytes, through_seq AS through FROM document_snapshots WHERE document_name = ?",
      )
      .get(documentName);
    const updates = db
      .prepare<[string, number], { n: number }>(
        "SELECT COUNT(*) AS n FROM document_updates WHERE document_name = ? AND seq > ?",
      )
      .get(documentName, snapshot?.through ?? 0);
    return { snapshotBytes: snapshot?.bytes ?? 0, leftoverUpdates: updates?.n ?? 0 };
  } finally {
    db.close();
  }
}

/**
 * On a fresh server: RSS growth from uploading the document, then the first-sync time of fresh
 * clients. For Mutual, then a graceful stop (compaction), the stored size, and a restart where the
 * first client's sync loads the document from disk (the real cold path), repeated.
 */
export async function measureLargeDocument(
  kind: "mutual" | "reference",
  document: LargeDocument,
): Promise<LargeDocumentResult> {
  const { coldSyncRepeats, restartRepeats } = BENCH.largeDocument;
  const room = roomName("largedoc", 1);
  let server = await startServer(kind);
  let result: LargeDocumentResult;
  try {
    await sleep(300);
    const rssBefore = rssBytes(server.pid);
    const uploader = await upload(server, room, document);
    await sleep(1_000);
    const uploadRssGrowthBytes = rssBytes(server.pid) - rssBefore;
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < coldSyncRepeats; i++) {
      const sync = await coldSync(server, room, document, i === 0);
      times.push(sync.ms);
      bytes = sync.bytes;
    }
    await closeAll([uploader]);
    result = {
      encodedBytes: document.update.byteLength,
      uploadRssGrowthBytes,
      coldSync: summarise(times, bytes),
    };
  } finally {
    await server.stop();
  }
  if (kind !== "mutual") return result;

  const dataDir = server.dataDir!;
  const access = server.access;
  const dataDirBytes = directoryBytes(dataDir);
  const stored = storedSizes(dataDir, `${access!.exchangeId}/${access!.documents.get(room)}`);
  const times: number[] = [];
  let loadRssGrowthBytes = 0;
  let bytes = 0;
  for (let i = 0; i < restartRepeats; i++) {
    server = await startMutual(dataDir, access);
    try {
      await sleep(300);
      const rssBefore = rssBytes(server.pid);
      const sync = await coldSync(server, room, document, i === 0);
      times.push(sync.ms);
      bytes = sync.bytes;
      if (i === 0) {
        await sleep(1_000);
        loadRssGrowthBytes = rssBytes(server.pid) - rssBefore;
      }
    } finally {
      await server.stop();
    }
  }
  result.afterRestart = {
    coldSync: summarise(times, bytes),
    loadRssGrowthBytes,
    dataDirBytes,
    ...stored,
  };
  return result;
}
