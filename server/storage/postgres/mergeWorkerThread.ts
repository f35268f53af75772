import { parentPort } from "node:worker_threads";
import { mergeStoredUpdates } from "../mergeStoredUpdates";
import type { MergeReply, MergeRequest } from "./mergeWorker";

// The merge worker's thread: merges what it is sent and sends the result back .
parentPort!.on("message", (request: MergeRequest) => {
  let reply: MergeReply;
  try {
    const { update, stateVector } = mergeStoredUpdates(request.parts);
    reply = { id: request.id, error: null, update, stateVector };
  } catch (error) {
    reply = { id: request.id, error: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});
