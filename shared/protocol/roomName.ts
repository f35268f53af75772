import { isId } from "./ids";

/** A room is one live Y.Doc: `<exchangeId>/<documentId>`, built from ids only, never free text. */
export interface RoomAddress {
  exchangeId: string;
  documentId: string;
}

export function formatRoomName({ exchangeId, documentId }: RoomAddress): string {
  if (!isId(exchangeId) || !isId(documentId)) throw new Error("invalid room address");
  return `${exchangeId}/${documentId}`;
}

/** Parses a room name; anything but exactly two valid ids (no dots, slashes, encodings) is null. */
export function parseRoomName(name: string): RoomAddress | null {
  const parts = name.split("/");
  if (parts.length !== 2) return null;
  const [exchangeId, documentId] = parts;
  if (!isId(exchangeId) || !isId(documentId)) return null;
  return { exchangeId, documentId };
}

/** Path prefix of the collaboration WebSocket endpoint; the room name follows it. */
export const COLLAB_PATH = "/collab";
