import type { UpdateBatch } from "../DocumentStorage";

const INITIAL_BYTES = 64 * 1024;
/** A buffer grown past this (changes gathered while the database could not be written) is not kept. */
const MAX_KEPT_BYTES = 1024 * 1024;

/**
 * Journal records gathered, as bytes in one growing buffer, until they are written to the database
 * together: a change leaves nothing behind on the heap but its bytes here.
 */
export class BatchBuffer {
  private bytes = new Uint8Array(INITIAL_BYTES);
  private used = 0;
  private records = 0;

  /** Records gathered. */
  get count(): number {
    return this.records;
  }

  add(record: Uint8Array): void {
    this.reserve(record.byteLength);
    this.bytes.set(record, this.used);
    this.used += record.byteLength;
    this.records++;
  }

  /** The records gathered so far, copied out; the buffer starts again empty. */
  take(): UpdateBatch {
    const batch = { bytes: this.bytes.slice(0, this.used), count: this.records };
    if (this.bytes.byteLength > MAX_KEPT_BYTES) this.bytes = new Uint8Array(INITIAL_BYTES);
    this.used = 0;
    this.records = 0;
    return batch;
  }

  /** Puts back a batch that could not be written, ahead of the records gathered since. */
  putBack(batch: UpdateBatch): void {
    this.reserve(batch.bytes.byteLength);
    this.bytes.copyWithin(batch.bytes.byteLength, 0, this.used);
    this.bytes.set(batch.bytes, 0);
    this.used += batch.bytes.byteLength;
    this.records += batch.count;
  }

  private reserve(extra: number): void {
    if (this.used + extra <= this.bytes.byteLength) return;
    const bigger = new Uint8Array(Math.max(this.bytes.byteLength * 2, this.used + extra));
    bigger.set(this.bytes.subarray(0, this.used));
    this.bytes = bigger;
  }
}
