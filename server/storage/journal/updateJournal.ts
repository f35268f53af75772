import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "../../log";
import type { DocumentStorage, JournalPosition, UpdateRecord } from "../DocumentStorage";
import { decodeJournalRecords, encodeJournalRecord } from "./journalFormat";

/**
 * The write-ahead journal of document changes: a change is appended here (one write, no transaction)
 * before anyone else sees it, and reaches the database later in batches. Once `append` returns, the
 * change survives a crash of the process, as a commit does in SQLite's WAL mode with synchronous=NORMAL.
 * The journal is a series of numbered segment files; a segment is deleted once the database holds all
 * of it. Segments are large (a batch is written many times a second; files are not made per batch).
 */
export interface UpdateJournal {
  /**
   * Appends one record and returns the bytes written; throws when it could not be written (the change
   * must then not be relayed).
   */
  append(record: UpdateRecord): Uint8Array;
  /** Where the journal ends now: every record appended so far is before this position. */
  position(): JournalPosition;
  /** The database holds every record before `position`: deletes the segments wholly before it. */
  release(position: JournalPosition): void;
  close(): void;
}

const SEGMENT_NAME = /^(\d{12})\.log$/;
const segmentFile = (dir: string, segment: number) => join(dir, `${String(segment).padStart(12, "0")}.log`);

function listSegments(dir: string): number[] {
  return readdirSync(dir)
    .map((name) => SEGMENT_NAME.exec(name)?.[1])
    .filter((id): id is string => id !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * Opens the journal in `dir` after a start: whatever the database does not hold yet (the process
 * stopped before its batch was written) is written to storage first, then the journal starts empty.
 */
export async function openUpdateJournal(
  dir: string,
  storage: DocumentStorage,
  log: Logger,
  /** A segment grows to about this size before the next one is started. */
  segmentBytes = 8 * 1024 * 1024,
): Promise<UpdateJournal> {
  mkdirSync(dir, { recursive: true });
  const applied = await storage.appliedJournalPosition();
  let last = applied.segment;
  for (const segment of listSegments(dir)) {
    last = Math.max(last, segment);
    if (segment >= applied.segment) {
      const bytes = readFileSync(segmentFile(dir, segment));
      const from = segment === applied.segment ? Math.min(applied.offset, bytes.byteLength) : 0;
      const { records, tornBytes } = decodeJournalRecords(bytes.subarray(from));
      const end = { segment, offset: bytes.byteLength - tornBytes };
      if (records.length > 0) {
        await storage.appendUpdates({ bytes: bytes.subarray(from, end.offset), count: records.length }, end);
      }
      if (records.length > 0 || tornBytes > 0) {
        log.info("journal.recovered", { segment, records: records.length, tornBytes });
      }
    }
    unlinkSync(segmentFile(dir, segment));
  }
  return createJournal(dir, last + 1, segmentBytes);
}

function createJournal(dir: string, firstSegment: number, segmentBytes: number): UpdateJournal {
  let current = firstSegment;
  let offset = 0;
  // A segment's file is created on its first record: an idle server writes no empty files.
  let fd: number | null = null;
  let released = firstSegment;

  /** Ends the current segment: later records go to the next one. */
  const nextSegment = () => {
    if (fd !== null) closeQuietly(fd);
    fd = null;
    current++;
    offset = 0;
  };

  return {
    append(record) {
      const bytes = encodeJournalRecord(record);
      try {
        fd ??= openSync(segmentFile(dir, current), "a");
        const written = writeSync(fd, bytes);
        if (written !== bytes.byteLength) throw new Error(`wrote ${written} of ${bytes.byteLength} bytes`);
        offset += written;
        return bytes;
      } catch (error) {
        // The segment may now end in a torn record, which ends its reading.
        if (fd !== null) nextSegment();
        throw error;
      }
    },
    position() {
      if (offset >= segmentBytes) nextSegment();
      return { segment: current, offset };
    },
    release(position) {
      for (; released < position.segment; released++) {
        try {
          unlinkSync(segmentFile(dir, released));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        }
      }
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already failing; the write error is the one reported
  }
}
