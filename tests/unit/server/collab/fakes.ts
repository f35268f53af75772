import type { Connection } from "../../../../server/collab/Connection";
import type {
  DocumentStorage,
  JournalPosition,
  UpdateRecord,
} from "../../../../server/storage/DocumentStorage";
import { decodeUpdateBatch } from "../../../../server/storage/journal/journalFormat";

/** A connection that records what it was sent and how it was closed. */
export function fakeConnection(
  participantId: string,
  access: "read" | "write" = "write",
  mutualMessages = true,
): Connection & { sent: Uint8Array[]; closedWith: number | null; warnings: string[] } {
  const connection = {
    id: `conn-${participantId}`,
    identity: { participantId, name: `Name of ${participantId}`, color: "#0f766e", delegation: null },
    access,
    mutualMessages,
    awarenessIds: new Set<number>(),
    sent: [] as Uint8Array[],
    closedWith: null as number | null,
    send(message: Uint8Array) {
      connection.sent.push(message);
    },
    sendFrame(frame: Buffer) {
      const length = frame[1]! & 0x7f;
      connection.sent.push(frame.subarray(length < 126 ? 2 : length === 126 ? 4 : 10));
    },
    sendFrameParts(head: Buffer, rest: Uint8Array) {
      connection.sendFrame(Buffer.concat([head, rest]));
    },
    close(code: number) {
      connection.closedWith = code;
    },
    warnings: [] as string[],
    warn(event: string) {
      connection.warnings.push(event);
    },
  };
  return connection;
}

/** Document storage in memory that records each batch and can fail the first `failures` writes. */
export function recordingStorage(
  failures = 0,
): DocumentStorage & { batches: UpdateRecord[][]; journal: JournalPosition } {
  let remainingFailures = failures;
  const batches: UpdateRecord[][] = [];
  return {
    batches,
    journal: { segment: 0, offset: 0 },
    async loadDocument() {
      return null;
    },
    async appendUpdates(batch, journal) {
      if (remainingFailures-- > 0) throw new Error("disk full");
      batches.push(decodeUpdateBatch(batch));
      if (journal) this.journal = journal;
    },
    async appliedJournalPosition() {
      return this.journal;
    },
    async compact() {
      return null;
    },
    async countUpdates() {
      return 0;
    },
    async listUpdates() {
      return [];
    },
    // History is not what these tests exercise: an empty one.
    async lastSeq() {
      return 0;
    },
    async logBytes() {
      return 0;
    },
    async listBindings() {
      return [];
    },
    async addVersion(version) {
      const { changes: _changes, ...stored } = version;
      return { ...stored, id: 1 };
    },
    async listVersions() {
      return [];
    },
    async getVersion() {
      return null;
    },
    async countVersions() {
      return 0;
    },
    async versionChanges() {
      return [];
    },
    async renameVersion() {
      return false;
    },
    async addCheckpoint() {},
    async findCheckpoint() {
      return null;
    },
    async checkpointSize() {
      return null;
    },
    async close() {},
  };
}
