import { createRoomRegistry, type RoomRegistryOptions } from "../../server/collab/roomRegistry";
import { silentLogger } from "../../server/log";
import type { DocumentStorage } from "../../server/storage/DocumentStorage";
import { openUpdateJournal } from "../../server/storage/journal/updateJournal";

/**
 * A room registry over `storage` with its journal in `dir`, whose timers stay out of a test's way (no
 * flush by time, no room left idle long enough to close, no compaction) unless `options` say otherwise.
 */
export async function journaledRegistry(
  dir: string,
  storage: DocumentStorage,
  options: Partial<RoomRegistryOptions> = {},
) {
  const journal = await openUpdateJournal(dir, storage, silentLogger);
  const registry = createRoomRegistry({
    storage,
    durability: { kind: "journal", journal },
    log: silentLogger,
    maxDocumentBytes: 1e9,
    flushIntervalMs: 60_000,
    flushMaxBatch: 1000,
    roomIdleMs: 60_000,
    compactAfterUpdates: 1_000_000,
    ...options,
  });
  return { registry, journal };
}
