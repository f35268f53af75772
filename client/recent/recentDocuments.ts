import { useCallback, useSyncExternalStore } from "react";
import { isId } from "../../shared/protocol/ids";
import type { RoomAddress } from "../../shared/protocol/roomName";

const STORAGE_KEY = "mutual.recentDocuments";
const CHANGE_EVENT = "mutual:recent-documents";
const MAX_ENTRIES = 20;

/** A document this device opened: where it is, its last known title, when it was last opened. */
export interface RecentDocument extends RoomAddress {
  title: string;
  openedAt: number;
}

function isRecent(value: unknown): value is RecentDocument {
  if (typeof value !== "object" || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    isId(entry.exchangeId) &&
    isId(entry.documentId) &&
    typeof entry.title === "string" &&
    typeof entry.openedAt === "number"
  );
}

// useSyncExternalStore needs a stable snapshot: the raw string is compared, parsed once per change.
function readRaw(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? "[]";
  } catch {
    return "[]";
  }
}

function parse(raw: string): RecentDocument[] {
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter(isRecent) : [];
  } catch {
    return [];
  }
}

function write(entries: RecentDocument[]): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(entries.slice(0, MAX_ENTRIES)));
  } catch {
    return;
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}

const sameRoom = (a: RoomAddress, b: RoomAddress) =>
  a.exchangeId === b.exchangeId && a.documentId === b.documentId;

/** Recent documents, most recently opened first. */
export function useRecentDocuments(): RecentDocument[] {
  const raw = useSyncExternalStore(subscribe, readRaw);
  return parse(raw).sort((a, b) => b.openedAt - a.openedAt);
}

/** Records that a document is open now, and (when known) its title. */
export function useRecordRecentDocument(): (room: RoomAddress, title: string | null) => void {
  return useCallback((room, title) => {
    const entries = parse(readRaw());
    const previous = entries.find((entry) => sameRoom(entry, room));
    const entry: RecentDocument = {
      exchangeId: room.exchangeId,
      documentId: room.documentId,
      title: title ?? previous?.title ?? "",
      openedAt: Date.now(),
    };
    write([entry, ...entries.filter((other) => !sameRoom(other, room))]);
  }, []);
}
