import * as Y from "yjs";
import { ProtocolError } from "./ProtocolError";

/** For each Yjs client id in an update, the clock just past its last item: what a state vector would say. */
export type UpdateClocks = Map<number, number>;

/**
 * Fully decodes an update before it may touch a document: garbage is refused here rather than
 * half-applied. Returns the clocks it carries (to tell the sender what has been stored) and whether
 * it deletes anything.
 */
export function inspectUpdate(update: Uint8Array): {
  clocks: UpdateClocks;
  deletes: boolean;
  /** What the update deletes (as decoded; for the template section guard). */
  deleteSet: ReturnType<typeof Y.decodeUpdate>["ds"];
  /** The update's structs (as decoded; for the template section guard). */
  structs: ReturnType<typeof Y.decodeUpdate>["structs"];
} {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (error) {
    throw new ProtocolError("malformedMessage", `undecodable update: ${(error as Error).message}`);
  }
  const clocks: UpdateClocks = new Map();
  for (const struct of decoded.structs) {
    const end = struct.id.clock + struct.length;
    if (!Number.isSafeInteger(end) || struct.length < 0) {
      throw new ProtocolError("malformedMessage", "update with an impossible clock");
    }
    if (end > (clocks.get(struct.id.client) ?? 0)) clocks.set(struct.id.client, end);
  }
  return { clocks, deletes: decoded.ds.clients.size > 0, deleteSet: decoded.ds, structs: decoded.structs };
}
