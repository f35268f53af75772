import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { instrumentProvider, type RefusalKind } from "../../client/sync/instrumentProvider";
import { mutualClientParams } from "../../shared/protocol/mutualClient";
import type { SavedClocks } from "../../shared/protocol/savedMessage";

/** What a Mutual client heard of Mutual's own messages. */
export interface MutualMessages {
  access: Array<"read" | "write">;
  saved: SavedClocks[];
  refused: Array<RefusalKind | null>;
}

/** A Node client speaking the real y-websocket provider protocol, as a browser tab would. */
export interface CollabClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.Text;
  /** Mutual's own messages received (a Mutual client only; always empty for a stock one). */
  heard: MutualMessages;
  /** Resolves once the provider has completed its first sync with the server. */
  synced(): Promise<void>;
  destroy(): void;
}

/**
 * Opens the provider as a page of the server would: with the session cookie and the server's Origin.
 * By default a stock y-websocket provider; with `mutual`, it asks for Mutual's own messages and reads
 * them as the Mutual client does (client/sync/instrumentProvider), into `heard`.
 */
export function connectClient(
  wsUrl: string,
  room: string,
  options: { cookie: string | null; doc?: Y.Doc; mutual?: boolean },
): CollabClient {
  const doc = options.doc ?? new Y.Doc();
  const headers = {
    Origin: wsUrl.replace(/^ws/, "http").replace(/\/collab$/, ""),
    Cookie: options.cookie ?? "",
  };
  class BrowserLikeWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: BrowserLikeWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
    params: options.mutual ? mutualClientParams() : {},
  });
  const heard: MutualMessages = { access: [], saved: [], refused: [] };
  if (options.mutual) {
    instrumentProvider(provider, {
      onServerStateVector: () => {},
      onSaved: (clocks) => heard.saved.push(clocks),
      onAccess: (access) => heard.access.push(access),
      onRefused: (reason) => heard.refused.push(reason),
    });
  }
  return {
    doc,
    provider,
    heard,
    text: doc.getText("t"),
    synced: () =>
      provider.synced ? Promise.resolve() : new Promise((resolve) => provider.once("sync", () => resolve())),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** The document as the server holds it: a copy of what a fresh client has after its first sync. */
export async function serverCopy(wsUrl: string, room: string, cookie: string | null): Promise<Y.Doc> {
  const reader = connectClient(wsUrl, room, { cookie });
  try {
    await reader.synced();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(reader.doc));
    return doc;
  } finally {
    reader.destroy();
  }
}

/** Polls `check` every 20 ms until it is true; fails with `message` after `timeoutMs`. */
export async function waitFor(check: () => boolean, message: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A seeded pseudo-random generator (mulberry32), so a failing run can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
