import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "../../log";
import type { DocumentStorage, UpdateRecord } from "../DocumentStorage";
import { decodeJournalRecords, encodeJournalRecord } from "./journalFormat";

/**
 * The write-ahead journal of document changes: a change is appended here (one write, no transaction)
 * before anyone else sees it, and reaches the database later in batches. Once `append` returns, the
 * change survives a crash of the process, as a commit does in SQLite's WAL mode with synchronous=NORMAL.
 * The journal is a series of numbered segment files; a segment is deleted once the database holds it.
 */
export interface UpdateJournal {
  /** Appends one record; throws when it could not be written (the change must then not be relayed). */
  append(record: UpdateRecord): void;
  /** Closes the segment being written, so that everything appended so far is in segments up to the returned one. */
  seal(): number;
  /** Deletes the segments up to `segment`: the database holds their records. */
  release(segment: number): void;
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
 * Opens the journal in `dir` after a start: any segment the database does not hold yet (the process
 * stopped before its batch was written) is written to storage first, then the journal starts empty.
 */
export async function openUpdateJournal(
  dir: string,
  storage: DocumentStorage,
  log: Logger,
): Promise<UpdateJournal> {
  mkdirSync(dir, { recursive: true });
  const applied = await storage.appliedJournalSegment();
  let last = applied;
  for (const segment of listSegments(dir)) {
    last = Math.max(last, segment);
    if (segment > applied) {
      const { records, tornBytes } = decodeJournalRecords(readFileSync(segmentFile(dir, segment)));
      if (records.length > 0) await storage.appendUpdates(records, segment);
      log.info("journal.recovered", { segment, records: records.length, tornBytes });
    }
    unlinkSync(segmentFile(dir, segment));
  }
  return createJournal(dir, last + 1);
}

function createJournal(dir: string, firstSegment: number): UpdateJournal {
  let current = firstSegment;
  // The current segment's file is created on its first record: an idle server writes no empty files.
  let fd: number | null = null;
  let released = firstSegment - 1;

  return {
    append(record) {
      const bytes = encodeJournalRecord(record);
      try {
        fd ??= openSync(segmentFile(dir, current), "a");
        const written = writeSync(fd, bytes);
        if (written !== bytes.byteLength) throw new Error(`wrote ${written} of ${bytes.byteLength} bytes`);
      } catch (error) {
        // The segment may now end in a torn record, which ends its reading: later records go to the next.
        if (fd !== null) closeQuietly(fd);
        if (fd !== null) current++;
        fd = null;
        throw error;
      }
    },
    seal() {
      if (fd === null) return current - 1;
      closeSync(fd);
      fd = null;
      return current++;
    },
    release(segment) {
      for (; released < segment; released++) {
        try {
          unlinkSync(segmentFile(dir, released + 1));
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
