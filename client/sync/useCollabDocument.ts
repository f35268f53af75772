import * as idb from "lib0/indexeddb";
import { useEffect, useRef, useState } from "react";
import { IndexeddbPersistence } from "y-indexeddb";
import type { Awareness } from "y-protocols/awareness";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { closeCodeName } from "../../shared/protocol/closeCodes";
import { mutualClientParams } from "../../shared/protocol/mutualClient";
import type { PresenceUser } from "../../shared/protocol/presenceUser";
import { formatRoomName, type RoomAddress } from "../../shared/protocol/roomName";
import { type CollabStatus, sameStatus } from "./collabStatus";
import { collabServerUrl, localStoreName } from "./collabUrl";
import { instrumentProvider, type RefusalKind } from "./instrumentProvider";
import { createServerClocks, isDeleteOnlyUpdate } from "./serverClocks";

export interface CollabSession {
  doc: Y.Doc;
  provider: WebsocketProvider;
  awareness: Awareness;
  /** False until the local copy (IndexedDB) or the server has delivered the document. */
  ready: boolean;
  status: CollabStatus;
  /** What the server allows on the current connection; null until it has said so. */
  access: "read" | "write" | null;
  /** Counts refused updates, so a screen can show a notice each time one happens. */
  refusals: number;
  /** Why the last update was refused (the notice says so); null before any refusal or when unknown. */
  refusalReason: RefusalKind | null;
  /**
   * True once the server refused this device's changes for good (a read-only connection): the local
   * copy was then replaced by the server's, and the status says the changes were not kept.
   */
  refused: boolean;
  /** Drops this device's copy and syncs the server's afresh, as after a refusal (see resetToServer). */
  discardLocal: () => void;
}

/**
 * Opens one document: a Y.Doc, its offline copy in IndexedDB and its WebSocket connection, torn down
 * when the room changes or the component unmounts (StrictMode's double mount gets two clean sessions).
 * `user` is who this device is in the room, shown on carets and avatars (the server vouches for it).
 * Returns null while the session is being created.
 */
export function useCollabDocument(room: RoomAddress, user: PresenceUser): CollabSession | null {
  const [session, setSession] = useState<CollabSession | null>(null);
  const roomName = formatRoomName(room);
  // Compared by content: the directory hands over a new object on every reload.
  const userJson = JSON.stringify(user);
  // The session is created once per room; later renames go through the effect at the end.
  const initialUser = useRef(user);
  // Each reset to the server's copy (see onRefused) opens a new session; the refusal outlives it.
  const [generation, setGeneration] = useState(0);
  const refusedRef = useRef(false);
  const refusalsRef = useRef(0);
  const refusalReasonRef = useRef<RefusalKind | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new generation is a new session
  useEffect(() => {
    const doc = new Y.Doc();
    const persistence = new IndexeddbPersistence(localStoreName(roomName), doc);
    const provider = new WebsocketProvider(collabServerUrl(window.location), roomName, doc, {
      // Same-browser tabs must go through the server, which enforces permissions.
      disableBc: true,
      connect: navigator.onLine,
      // Asks for Mutual's own messages (saved, access, refused), read by instrumentProvider below.
      params: mutualClientParams(),
    });
    const clocks = createServerClocks();
    let ready = false;
    let hadConnectionProblem = false;
    let closedWith: number | null = null;
    let status: CollabStatus = { kind: "connecting" };
    let disposed = false;
    let access: "read" | "write" | null = null;
    let resetting = false;

    const computeStatus = (): CollabStatus => {
      if (closedWith !== null) return { kind: "error", code: closedWith, reason: closeCodeName(closedWith) };
      if (!navigator.onLine) return { kind: "offline" };
      if (provider.wsconnected && provider.synced)
        return { kind: "connected", saved: !clocks.hasUnsynced(doc) };
      return hadConnectionProblem ? { kind: "reconnecting" } : { kind: "connecting" };
    };
    const publish = (force = false) => {
      if (disposed) return;
      const next = computeStatus();
      if (!force && sameStatus(next, status)) return;
      status = next;
      setSession({
        doc,
        provider,
        awareness: provider.awareness,
        ready,
        status,
        access,
        refusals: refusalsRef.current,
        refusalReason: refusalReasonRef.current,
        refused: refusedRef.current,
        discardLocal: () => {
          refusalsRef.current++;
          resetToServer();
          publish(true);
        },
      });
    };
    const markReady = () => {
      if (ready) return;
      ready = true;
      publish(true);
    };

    instrumentProvider(provider, {
      onServerStateVector: (stateVector) => {
        clocks.raise(stateVector);
        publish();
      },
      onSaved: (saved) => {
        clocks.acknowledge(saved);
        publish();
      },
      onAccess: (next) => {
        access = next;
        publish(true);
      },
      onRefused: (reason) => {
        refusalsRef.current++;
        refusalReasonRef.current = reason;
        if (reason === "readOnly") resetToServer();
        // The server kept a templated document's sections this device deleted (only a broken or forced
        // editor can): this copy has diverged from it for good, so it is rebuilt, but writing goes on.
        if (reason === "protectedStructure") resetToServer(false);
        publish(true);
      },
    });

    // Nothing from a read-only connection is ever merged, so every local change here is lost (the
    // editor was forced editable): drop this copy, on the device too, and sync the server's afresh.
    // Rebuilding is simpler and surer than undoing: the Y.Doc and its IndexedDB copy go, nothing stays.
    const resetToServer = (forGood = true) => {
      if (forGood) refusedRef.current = true;
      if (resetting) return;
      resetting = true;
      provider.disconnect();
      void persistence
        .destroy()
        .then(() => idb.deleteDB(localStoreName(roomName)))
        .catch(() => {
          // Storage unavailable: the next session still starts from the server.
        })
        .finally(() => {
          if (!disposed) setGeneration((previous) => previous + 1);
        });
    };

    const onUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin === provider) {
        // Came from the server, so the server has it. (encodeStateVectorFromUpdate would count only
        // runs starting at clock 0, i.e. nothing for incremental updates: use the update's end clocks.)
        clocks.raise(Y.parseUpdateMeta(update).to);
      } else if (origin !== persistence && isDeleteOnlyUpdate(update)) {
        clocks.markDeletePending();
      }
      publish();
    };
    doc.on("update", onUpdate);

    provider.awareness.setLocalStateField("user", initialUser.current);
    persistence.once("synced", markReady);
    provider.on("sync", (synced: boolean) => {
      if (synced) {
        hadConnectionProblem = false;
        markReady();
      }
      publish();
    });
    provider.on("status", () => publish());
    provider.on("connection-close", () => {
      hadConnectionProblem = true;
      publish();
    });
    provider.on("connection-error", () => {
      hadConnectionProblem = true;
      publish();
    });
    provider.on("closed", ({ code }: { code: number }) => {
      closedWith = code;
      publish();
    });

    // The browser knows before the socket does: stop retrying while offline, resume at once after.
    const onOffline = () => {
      provider.disconnect();
      hadConnectionProblem = true;
      publish();
    };
    const onOnline = () => {
      if (closedWith === null) provider.connect();
      publish();
    };
    window.addEventListener("offline", onOffline);
    window.addEventListener("online", onOnline);
    if (!navigator.onLine) hadConnectionProblem = true;

    publish(true);

    return () => {
      disposed = true;
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
      doc.off("update", onUpdate);
      provider.destroy();
      void persistence.destroy();
      doc.destroy();
      setSession(null);
    };
  }, [roomName, generation]);

  // A new name or delegation shows on this device at once (the server's copy follows on reconnect).
  const awareness = session?.awareness;
  useEffect(() => {
    awareness?.setLocalStateField("user", JSON.parse(userJson));
  }, [awareness, userJson]);

  return session;
}
