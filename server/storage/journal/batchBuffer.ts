import type { UpdateBatch } from "../DocumentStorage";

/**
 * Journal records gathered, as bytes in one growing buffer, until they are written to the database
 * together: a change leaves nothing behind on the heap but its bytes here.
 */
export class BatchBuffer {
  private bytes = new Uint8Array(64 * 1024);
  private used = 0;
  /** Records gathered. */
  count = 0;

  add(record: Uint8Array): void {
    this.reserve(record.byteLength);
    this.bytes.set(record, this.used);
    this.used += record.byteLength;
    this.count++;
  }

  /** The records gathered so far, copied out; the buffer starts again empty. */
  take(): UpdateBatch {
    const batch = { bytes: this.bytes.slice(0, this.used), count: this.count };
    this.used = 0;
    this.count = 0;
    return batch;
  }

  /** Puts back a batch that could not be written, ahead of the records gathered since. */
  putBack(batch: UpdateBatch): void {
    this.reserve(batch.bytes.byteLength);
    this.bytes.copyWithin(batch.bytes.byteLength, 0, this.used);
    this.bytes.set(batch.bytes, 0);
    this.used += batch.bytes.byteLength;
    this.count += batch.count;
  }

  private reserve(extra: number): void {
    if (this.used + extra <= this.bytes.byteLength) return;
    const bigger = new Uint8Array(Math.max(this.bytes.byteLength * 2, this.used + extra));
    bigger.set(this.bytes.subarray(0, this.used));
    this.bytes = bigger;
  }
}
