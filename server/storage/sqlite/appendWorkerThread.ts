import { parentPort, workerData } from "node:worker_threads";
import { decodeJournalRecords } from "../journal/journalFormat";
import { prepareAppendTransaction } from "./appendTransaction";
import type { AppendReply, AppendRequest } from "./appendWorker";
import { openSqliteDatabase } from "./openSqliteDatabase";

// The append worker's thread: its own connection to the database file commits each batch it is sent.
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
    const { records } = decodeJournalRecords(new Uint8Array(request.batch));
    if (records.length !== request.count)
      throw new Error(`batch held ${records.length} of ${request.count} records`);
    append(records, request.journal, request.at);
    reply = { id: request.id, error: null };
  } catch (error) {
    reply = { id: request.id, error: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});
