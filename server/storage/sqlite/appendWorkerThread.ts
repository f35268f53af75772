import { parentPort, workerData } from "node:worker_threads";
import { lowerThisThreadPriority } from "../../threadPriority";
import { decodeUpdateBatch } from "../journal/journalFormat";
import { prepareAppendTransaction } from "./appendTransaction";
import type { AppendReply, AppendRequest } from "./appendWorker";
import { openSqliteDatabase } from "./openSqliteDatabase";

// The append worker's thread: its own connection to the database file commits each batch it is sent.
lowerThisThreadPriority();
const db = openSqliteDatabase((workerData as { file: string }).file);
const append = prepareAppendTransaction(db);

parentPort!.on("message", (request: AppendRequest | "stop") => {
  if (request === "stop") {
    db.close();
    parentPort!.close();
    return;
  }
  let reply: AppendReply;
  try {
    append(decodeUpdateBatch(request.batch), request.journal, request.at);
    reply = { id: request.id, error: null };
  } catch (error) {
    reply = { id: request.id, error: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});
