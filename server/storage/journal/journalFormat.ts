import { crc32 } from "node:zlib";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { UpdateRecord } from "../DocumentStorage";

/** Bytes before each record's body: its length and its CRC-32, both little-endian u32. */
const HEADER_BYTES = 8;

/** One journal record: header, then the body (document, author, new client ids, update). */
export function encodeJournalRecord(record: UpdateRecord): Buffer {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, record.documentName);
  encoding.writeVarString(encoder, record.author ?? "");
  const clientIds = record.newClientIds ?? [];
  encoding.writeVarUint(encoder, clientIds.length);
  for (const clientId of clientIds) encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint8Array(encoder, record.update);
  const body = encoding.toUint8Array(encoder);
  const framed = Buffer.allocUnsafe(HEADER_BYTES + body.byteLength);
  framed.writeUInt32LE(body.byteLength, 0);
  framed.writeUInt32LE(crc32(body), 4);
  framed.set(body, HEADER_BYTES);
  return framed;
}

/**
 * The records of a journal segment, in order. Reading stops at the first record that is cut short or
 * fails its checksum: that can only be the tail of a write the machine did not finish.
 */
export function decodeJournalRecords(bytes: Uint8Array): { records: UpdateRecord[]; tornBytes: number } {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: UpdateRecord[] = [];
  let offset = 0;
  while (offset + HEADER_BYTES <= view.byteLength) {
    const length = view.readUInt32LE(offset);
    const end = offset + HEADER_BYTES + length;
    if (end > view.byteLength) break;
    const body = view.subarray(offset + HEADER_BYTES, end);
    if (crc32(body) !== view.readUInt32LE(offset + 4)) break;
    const record = decodeBody(body);
    if (!record) break;
    records.push(record);
    offset = end;
  }
  return { records, tornBytes: view.byteLength - offset };
}

function decodeBody(body: Uint8Array): UpdateRecord | null {
  try {
    const decoder = decoding.createDecoder(body);
    const documentName = decoding.readVarString(decoder);
    const author = decoding.readVarString(decoder) || null;
    const count = decoding.readVarUint(decoder);
    const newClientIds: number[] = [];
    for (let i = 0; i < count; i++) newClientIds.push(decoding.readVarUint(decoder));
    // A copy: the record outlives the segment's buffer.
    const update = decoding.readVarUint8Array(decoder).slice();
    return { documentName, author, newClientIds, update };
  } catch {
    return null;
  }
}
