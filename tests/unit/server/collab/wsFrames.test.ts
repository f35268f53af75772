import { describe, expect, it } from "vitest";
import * as ws from "ws";
import { binaryFrame, syncFrameHead, syncUpdateFrame } from "../../../../server/collab/wsFrames";
import { syncMessage } from "../../../../shared/protocol/syncMessage";

// ws exports its frame parser, but its type definitions do not declare it.
const { Receiver } = ws as unknown as {
  Receiver: new (options: { isServer: boolean; maxPayload: number }) => NodeJS.WritableStream;
};

/** What ws itself reads from these bytes, as a client would. */
function readWithWs(bytes: Buffer): Promise<{ data: Buffer; isBinary: boolean }> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false, maxPayload: 0 });
    receiver.on("message", (data: Buffer, isBinary: boolean) => resolve({ data, isBinary }));
    receiver.on("error", reject);
    receiver.write(bytes);
  });
}

describe("binaryFrame", () => {
  it.each([0, 1, 125, 126, 65_535, 65_536, 70_000])("frames %i bytes as ws reads them", async (size) => {
    const payload = Uint8Array.from({ length: size }, (_, i) => (i * 31) % 256);
    const { data, isBinary } = await readWithWs(binaryFrame(payload));
    expect(isBinary).toBe(true);
    expect(new Uint8Array(data)).toEqual(payload);
  });
});

describe("syncUpdateFrame", () => {
  // Around the frame's length steps (126, 65,536) and the update length's varint steps (128, 16,384).
  it.each([0, 1, 122, 123, 127, 128, 16_383, 16_384, 65_530, 65_531, 70_000])(
    "frames a %i-byte update as the y-websocket message ws reads",
    async (size) => {
      const update = Uint8Array.from({ length: size }, (_, i) => (i * 31) % 256);
      const { data, isBinary } = await readWithWs(syncUpdateFrame(update));
      expect(isBinary).toBe(true);
      expect(new Uint8Array(data)).toEqual(syncMessage(2, update));
    },
  );
});

describe("syncFrameHead", () => {
  it.each([0, 1, 122, 123, 127, 128, 16_383, 16_384, 65_530, 65_531, 70_000, 2_100_000])(
    "followed by a %i-byte payload, is the sync step 2 ws reads",
    async (size) => {
      const payload = Uint8Array.from({ length: size }, (_, i) => (i * 31) % 256);
      const head = syncFrameHead(1, size);
      // Only the frame's start: the payload is not copied into it.
      expect(head.byteLength + size).toBe(binaryFrame(syncMessage(1, payload)).byteLength);
      const { data, isBinary } = await readWithWs(Buffer.concat([head, payload]));
      expect(isBinary).toBe(true);
      // Compared as bytes: toEqual walks a 2 MB array element by element for ~10 s.
      expect(data.equals(syncMessage(1, payload))).toBe(true);
    },
  );
});
