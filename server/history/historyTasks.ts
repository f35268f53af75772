import type { AgendaHistoryChange, AgendaHistorySession, CompareTotal } from "../../shared/api/history";
import type { ClientBinding } from "../storage/DocumentStorage";

/** What the history thread does with a document once it is built at the requested point. */
export type HistoryTask =
  | { kind: "state" }
  | { kind: "checkpoint" }
  | { kind: "replay"; agenda?: boolean }
  | {
      kind: "compare";
      beforeStateVector: Uint8Array;
      changes: Uint8Array[];
      bindings: ClientBinding[];
      /** An agenda document: list its changed sessions and fields too. */
      agenda?: boolean;
    };

export type HistoryTaskResult =
  | { kind: "state"; state: Uint8Array }
  | { kind: "checkpoint"; data: Uint8Array }
  // Documents come back as JSON text: cloning the object tree of a 50-page document between threads
  // took ten times as long as writing its JSON (338 vs 33 ms), and the API sends it as text anyway.
  | { kind: "replay"; docJson: string; agenda?: AgendaHistorySession[] }
  | { kind: "compare"; docJson: string; totals: CompareTotal[]; agenda?: AgendaHistoryChange[] };

/** The document to work on: the one the thread kept (moved forward by `updates`) or a new one. */
export interface HistoryBuild {
  name: string;
  seq: number;
  /** "kept": move the kept document forward; otherwise a checkpoint (v2) or null, then `updates`. */
  base: "kept" | Uint8Array | null;
  updates: Uint8Array[];
}

export type HistoryRequest =
  | { id: number; kind: "kept"; name: string }
  | { id: number; kind: "run"; build: HistoryBuild; task: HistoryTask }
  /** Drops every kept document (the benchmark's cold runs). */
  | { id: number; kind: "forget" };

export interface HistoryReply {
  id: number;
  error: string | null;
  /** "kept": the point the kept document is at (null: none); "run": the task's result. */
  result?: number | null | HistoryTaskResult;
}
