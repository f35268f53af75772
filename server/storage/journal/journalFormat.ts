import { crc32 } from "node:zlib";
import * as decoding from "lib0/decoding";
import { varUintBytes, writeVarUint } from "../../../shared/protocol/varUint";
import type { UpdateBatch, UpdateRecord } from "../DocumentStorage";

/** Bytes before each record's body: its length and its CRC-32, both little-endian u32. */
const HEADER_BYTES = 8;

/**
 * One journal record: header, then the body (document, author, new client ids, update) in lib0's
 * encoding (var-length unsigned integers, strings and byte arrays). Written straight into one buffer:
 * this runs for every change before it is relayed, where building it with a lib0 encoder cost
 * several small allocations and copies.
 */
export function encodeJournalRecord(record: UpdateRecord): Buffer {
  const author = record.author ?? "";
  const clientIds = record.newClientIds ?? [];
  const { documentName, update } = record;
  const nameBytes = Buffer.byteLength(documentName);
  const authorBytes = Buffer.byteLength(author);
  let bodyBytes =
    varUintBytes(nameBytes) +
    nameBytes +
    varUintBytes(authorBytes) +
    authorBytes +
    varUintBytes(clientIds.length) +
    varUintBytes(update.byteLength) +
    update.byteLength;
  for (const clientId of clientIds) bodyBytes += varUintBytes(clientId);

  const framed = Buffer.allocUnsafe(HEADER_BYTES + bodyBytes);
  let at = writeVarUint(framed, HEADER_BYTES, nameBytes);
  at += framed.write(documentName, at, "utf8");
  at = writeVarUint(framed, at, authorBytes);
  at += framed.write(author, at, "utf8");
  at = writeVarUint(framed, at, clientIds.length);
  for (const clientId of clientIds) at = writeVarUint(framed, at, clientId);
  at = writeVarUint(framed, at, update.byteLength);
  framed.set(update, at);
  framed.writeUInt32LE(bodyBytes, 0);
  framed.writeUInt32LE(crc32(framed.subarray(HEADER_BYTES)), 4);
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

/** Records in one batch (callers that hold record objects: tests, tools). */
export function encodeUpdateBatch(records: readonly UpdateRecord[]): UpdateBatch {
  return { bytes: Buffer.concat(records.map(encodeJournalRecord)), count: records.length };
}

/** The records of a batch; throws unless it holds exactly `count` whole records. */
export function decodeUpdateBatch(batch: UpdateBatch): UpdateRecord[] {
  const { records, tornBytes } = decodeJournalRecords(batch.bytes);
  if (records.length !== batch.count || tornBytes > 0) {
    throw new Error(`batch held ${records.length} of ${batch.count} records and ${tornBytes} stray bytes`);
  }
  return records;
}
