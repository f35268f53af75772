import type { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";

/** On a collaborator's caret while they type or move it: their name shows, then fades (carets.css). */
export const ACTIVE_CARET_CLASS = "collaboration-carets__caret--active";

/** How long a name stays after that person's last keystroke or caret move. */
export const NAME_SHOWN_MS = 1500;

// A bulk sync (opening a document) is not someone typing: its update is far larger than a keystroke's.
const TYPING_UPDATE_MAX_BYTES = 16 * 1024;

/**
 * Knows who is active right now: someone whose caret moved (awareness) or whose change just arrived
 * (the document). Carets are drawn by ProseMirror, which may replace their elements at any time, so
 * each new element is registered here and starts in the right state.
 */
export interface CaretActivity {
  /** Registers a caret element for the collaborator `key` (see caretKey). */
  track(caret: HTMLElement, key: string): void;
  /** Starts listening (to the awareness and the document); returns how to stop. */
  start(): () => void;
}

/** Who a caret belongs to: the participant the server vouches for, else the name shown. */
export function caretKey(user: Record<string, unknown>): string {
  if (typeof user.participantId === "string" && user.participantId) return user.participantId;
  return typeof user.name === "string" ? `name:${user.name}` : "";
}

export function createCaretActivity(
  doc: Y.Doc,
  awareness: Awareness,
  shownMs: number = NAME_SHOWN_MS,
): CaretActivity {
  const activeUntil = new Map<string, number>();
  const carets = new Map<string, Set<HTMLElement>>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const lastCursor = new Map<number, string>();

  const isActive = (key: string) => (activeUntil.get(key) ?? 0) > Date.now();
  const refresh = (key: string) => {
    const elements = carets.get(key);
    if (!elements) return;
    const active = isActive(key);
    for (const element of elements) {
      if (element.isConnected) element.classList.toggle(ACTIVE_CARET_CLASS, active);
      else elements.delete(element);
    }
  };
  const touch = (key: string) => {
    activeUntil.set(key, Date.now() + shownMs);
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => refresh(key), shownMs + 10),
    );
    // After the caret plugin has redrawn for the same event (it listens too, maybe after us).
    queueMicrotask(() => refresh(key));
  };
  const keyOfClient = (clientId: number): string | null => {
    if (clientId === doc.clientID) return null;
    const user = awareness.getStates().get(clientId)?.user as Record<string, unknown> | undefined;
    return user ? caretKey(user) || null : null;
  };

  const onAwarenessChange = ({ added, updated }: { added: number[]; updated: number[] }) => {
    for (const clientId of [...added, ...updated]) {
      const cursor = JSON.stringify(awareness.getStates().get(clientId)?.cursor ?? null);
      if (lastCursor.get(clientId) === cursor) continue;
      lastCursor.set(clientId, cursor);
      const key = cursor === "null" ? null : keyOfClient(clientId);
      if (key) touch(key);
    }
  };
  // Typing at the end of a line can leave the caret's relative position unchanged: the change itself
  // says who typed.
  const onUpdate = (update: Uint8Array) => {
    if (update.byteLength > TYPING_UPDATE_MAX_BYTES) return;
    for (const clientId of Y.parseUpdateMeta(update).to.keys()) {
      const key = keyOfClient(clientId);
      if (key) touch(key);
    }
  };
  return {
    track(caret, key) {
      const elements = carets.get(key) ?? new Set<HTMLElement>();
      carets.set(key, elements);
      elements.add(caret);
      caret.classList.toggle(ACTIVE_CARET_CLASS, isActive(key));
    },
    start() {
      awareness.on("change", onAwarenessChange);
      doc.on("update", onUpdate);
      return () => {
        awareness.off("change", onAwarenessChange);
        doc.off("update", onUpdate);
        for (const timer of timers.values()) clearTimeout(timer);
        timers.clear();
      };
    },
  };
}
