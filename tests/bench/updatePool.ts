import * as Y from "yjs";

const TEXT = "abcdefghijklmnopqrstuvwxyz";

/**
 * One sender's updates, generated ahead of time from its own Y.Doc (each appends `chars` characters
 * to a Y.Text) and kept as ready-to-send sync frames in one growing buffer: sending costs no encoding
 * and no allocation but a view. Update n covers clocks [n * chars, (n + 1) * chars) of `clientId`.
 */
export class UpdateSequence {
  readonly clientId: number;
  private readonly doc = new Y.Doc();
  private readonly text = this.doc.getText("t");
  private data = Buffer.alloc(64 * 1024);
  private ends = new Uint32Array(1024);
  private used = 0;
  private generated = 0;
  private captured: Uint8Array | null = null;

  constructor(private readonly chars: number) {
    this.clientId = this.doc.clientID;
    this.doc.on("update", (update: Uint8Array) => {
      this.captured = update;
    });
  }

  get length(): number {
    return this.generated;
  }

  /** Generates updates until there are at least `count`. */
  ensure(count: number): void {
    while (this.generated < count) this.generateOne();
  }

  /** The sync frame of update `index` (a view, valid as long as the sequence lives). */
  frame(index: number): Buffer {
    const start = index === 0 ? 0 : this.ends[index - 1]!;
    return this.data.subarray(start, this.ends[index]!);
  }

  private generateOne(): void {
    const offset = (this.generated * 7) % TEXT.length;
    const insert = (TEXT + TEXT).slice(offset, offset + this.chars);
    this.text.insert(this.text.length, insert);
    const update = this.captured!;
    this.captured = null;
    // [sync = 0, update = 2, varUint length, update]
    const header = [0, 2];
    let length = update.byteLength;
    while (length > 0x7f) {
      header.push((length & 0x7f) | 0x80);
      length >>>= 7;
    }
    header.push(length);
    const size = header.length + update.byteLength;
    if (this.used + size > this.data.length) {
      const bigger = Buffer.alloc(Math.max(this.data.length * 2, this.used + size));
      this.data.copy(bigger, 0, 0, this.used);
      this.data = bigger;
    }
    for (const byte of header) this.data[this.used++] = byte;
    this.data.set(update, this.used);
    this.used += update.byteLength;
    if (this.generated >= this.ends.length) {
      const bigger = new Uint32Array(this.ends.length * 2);
      bigger.set(this.ends);
      this.ends = bigger;
    }
    this.ends[this.generated++] = this.used;
  }
}
