import { parentPort, workerData } from "node:worker_threads";
import { decodeUpdateBatch } from "../journal/journalFormat";
import { prepareAppendTransaction } from "./appendTransaction";
import { prepareCompaction } from "./compaction";
import { openSqliteDatabase } from "./openSqliteDatabase";
import type { StorageReply, StorageRequest } from "./storageWorker";

// The storage worker's thread: its own connection to the database file does each request it is sent.
const db = openSqliteDatabase((workerData as { file: string }).file);
const append = prepareAppendTransaction(db);
const compact = prepareCompaction(db);

parentPort!.on("message", (request: StorageRequest | "stop") => {
  if (request === "stop") {
    db.close();
    parentPort!.close();
    return;
  }
  let reply: StorageReply;
  try {
    if (request.kind === "append") {
      append(decodeUpdateBatch(request.batch), request.journal, request.at);
      reply = { id: request.id, error: null };
    } else {
      reply = { id: request.id, error: null, result: compact(request.documentName, request.at) };
    }
  } catch (error) {
    reply = { id: request.id, error: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});
