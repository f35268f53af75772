import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";

/** A WebSocket client written by hand, to send frames no library would produce. */
export interface RawWebSocket {
  /** Writes bytes to the TCP socket as they are. */
  write(bytes: Uint8Array): void;
  /** Resolves with the close code of the server's close frame, or null if the TCP connection just ended. */
  closed: Promise<number | null>;
  /** Payloads of the data frames the server sent, in order. */
  received: Uint8Array[];
  destroy(): void;
}

export async function openRawWebSocket(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<RawWebSocket> {
  const socket: Socket = connect(port, "127.0.0.1");
  const key = randomBytes(16).toString("base64");
  let buffer = Buffer.alloc(0);
  let upgraded = false;
  const received: Uint8Array[] = [];
  let resolveClosed: (code: number | null) => void = () => {};
  const closed = new Promise<number | null>((resolve) => {
    resolveClosed = resolve;
  });

  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf("\r\n\r\n");
        if (end < 0) return;
        if (!buffer.subarray(0, end).toString().startsWith("HTTP/1.1 101"))
          return reject(new Error("no upgrade"));
        upgraded = true;
        buffer = buffer.subarray(end + 4);
        resolve();
      }
      // Read the server's frames (unmasked, unfragmented): binary ones are kept, a close frame (opcode 8) resolves `closed`.
      while (buffer.length >= 2) {
        const opcode = buffer[0]! & 0x0f;
        let length = buffer[1]! & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffer.length < 4) return;
          length = buffer.readUInt16BE(2);
          offset = 4;
        } else if (length === 127) {
          if (buffer.length < 10) return;
          length = Number(buffer.readBigUInt64BE(2));
          offset = 10;
        }
        if (buffer.length < offset + length) return;
        if (opcode === 8) resolveClosed(length >= 2 ? buffer.readUInt16BE(offset) : null);
        if (opcode === 2) received.push(new Uint8Array(buffer.subarray(offset, offset + length)));
        buffer = buffer.subarray(offset + length);
      }
    });
    socket.on("close", () => resolveClosed(null));
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n` +
        Object.entries(headers)
          .map(([name, value]) => `${name}: ${value}\r\n`)
          .join("") +
        "\r\n",
    );
  });
  return {
    write: (bytes) => socket.write(bytes),
    closed,
    received,
    destroy: () => socket.destroy(),
  };
}

/** A masked client frame with full control of the first byte (FIN, RSV bits, opcode) and the declared length. */
export function clientFrame(firstByte: number, payload: Uint8Array, declaredLength = payload.length): Buffer {
  const mask = randomBytes(4);
  let header: Buffer;
  if (declaredLength < 126) header = Buffer.from([firstByte, 0x80 | declaredLength]);
  else if (declaredLength < 65536) {
    header = Buffer.from([firstByte, 0x80 | 126, 0, 0]);
    header.writeUInt16BE(declaredLength, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = firstByte;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(declaredLength), 2);
  }
  const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([header, mask, masked]);
}
