import type { CloseCodeName } from "../../shared/protocol/closeCodes";

/**
 * Where a document's connection stands, as the header shows it. One state at a time:
 * - connecting: first attempt in this visit, nothing heard from the server yet;
 * - connected: synced with the server; `saved` is false while local edits are not yet stored;
 * - reconnecting: the connection dropped (or never came up) and is being retried; edits stay local;
 * - offline: the device says it has no network;
 * - error: the server closed the connection for good (the close code says why).
 */
export type CollabStatus =
  | { kind: "connecting" }
  | { kind: "connected"; saved: boolean }
  | { kind: "reconnecting" }
  | { kind: "offline" }
  | { kind: "error"; code: number; reason: CloseCodeName | null };

export function sameStatus(a: CollabStatus, b: CollabStatus): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "connected" && b.kind === "connected") return a.saved === b.saved;
  if (a.kind === "error" && b.kind === "error") return a.code === b.code;
  return true;
}
