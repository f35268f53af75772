import { parentPort } from "node:worker_threads";
import * as Y from "yjs";
import { DocumentLayout } from "../../shared/schema/documentLayout";
import { agendaSessions } from "./agendaChanges";
import { decodeChanges } from "./changeRanges";
import { compareDocuments } from "./compareVersions";
import { encodeVisibleState } from "./historyDocs";
import type {
  HistoryBuild,
  HistoryReply,
  HistoryRequest,
  HistoryTask,
  HistoryTaskResult,
} from "./historyTasks";
import { renderFragment } from "./renderYDoc";

/**
 * The history thread: builds documents at points of their log (deleted content kept) and renders,
 * compares and encodes them, off the event loop that relays changes (decoding a 1 MB document alone
 * takes a few hundred milliseconds). The last document built per name is kept a minute, and moved
 * forward when the next request is further on (replay, successive views).
 */
const KEEP_MS = 60_000;
const MAX_KEPT = 4;
const kept = new Map<string, { seq: number; doc: Y.Doc; timer: NodeJS.Timeout }>();

function drop(name: string): void {
  const entry = kept.get(name);
  if (!entry) return;
  clearTimeout(entry.timer);
  entry.doc.destroy();
  kept.delete(name);
}

function build({ name, seq, base, updates }: HistoryBuild): Y.Doc {
  const entry = kept.get(name);
  if (base === "kept") {
    if (!entry || entry.seq > seq) throw new Error("kept document gone");
    Y.transact(entry.doc, () => {
      for (const update of updates) Y.applyUpdate(entry.doc, update);
    });
    entry.seq = seq;
    entry.timer.refresh();
    return entry.doc;
  }
  drop(name);
  if (kept.size >= MAX_KEPT) drop(kept.keys().next().value!);
  const doc = new Y.Doc({ gc: false });
  Y.transact(doc, () => {
    if (base) Y.applyUpdateV2(doc, base);
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  const timer = setTimeout(() => drop(name), KEEP_MS);
  timer.unref();
  kept.set(name, { seq, doc, timer });
  return doc;
}

function run(doc: Y.Doc, task: HistoryTask): HistoryTaskResult {
  switch (task.kind) {
    case "state":
      return { kind: "state", state: encodeVisibleState(doc) };
    case "checkpoint":
      // Yjs' v2 encoding: smaller than v1 for a history full of small edits, and as fast to read.
      return { kind: "checkpoint", data: Y.encodeStateAsUpdateV2(doc) };
    case "replay":
      return {
        kind: "replay",
        docJson: JSON.stringify(renderFragment(doc.getXmlFragment(DocumentLayout.content))),
        ...(task.agenda ? { agenda: agendaSessions(doc) } : {}),
      };
    case "compare": {
      const result = compareDocuments({
        after: doc,
        beforeStateVector: task.beforeStateVector,
        changes: task.changes.flatMap(decodeChanges),
        bindings: task.bindings,
        agenda: task.agenda,
      });
      return {
        kind: "compare",
        docJson: JSON.stringify(result.doc),
        totals: result.totals,
        ...(result.agenda ? { agenda: result.agenda } : {}),
      };
    }
  }
}

parentPort!.on("message", (request: HistoryRequest) => {
  let reply: HistoryReply;
  try {
    if (request.kind === "forget") {
      for (const name of [...kept.keys()]) drop(name);
      reply = { id: request.id, error: null, result: null };
    } else if (request.kind === "kept") {
      reply = { id: request.id, error: null, result: kept.get(request.name)?.seq ?? null };
    } else reply = { id: request.id, error: null, result: run(build(request.build), request.task) };
  } catch (error) {
    reply = { id: request.id, error: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});
