import { isId } from "./ids";

/** A room is one live Y.Doc: `<exchangeId>/<documentId>`, built from ids only, never free text. */
export interface RoomAddress {
  exchangeId: string;
  documentId: string;
  /**
   * A facilitated run's private draft (issue 31): `<exchangeId>/<documentId>/draft/<participantId>`, a room
   * of its own that the server opens only to that participant.
   */
  draftOf?: string;
}

export function formatRoomName({ exchangeId, documentId, draftOf }: RoomAddress): string {
  if (!isId(exchangeId) || !isId(documentId)) throw new Error("invalid room address");
  if (draftOf === undefined) return `${exchangeId}/${documentId}`;
  if (!isId(draftOf)) throw new Error("invalid room address");
  return `${exchangeId}/${documentId}/draft/${draftOf}`;
}

/**
 * Parses a room name a client asked for: two valid ids, or a draft's four parts; anything else (dots,
 * encodings, the server's own rooms) is null.
 */
export function parseRoomName(name: string): RoomAddress | null {
  const parts = name.split("/");
  if (parts.length === 4 && parts[2] === "draft" && isId(parts[0]) && isId(parts[1]) && isId(parts[3])) {
    return { exchangeId: parts[0], documentId: parts[1], draftOf: parts[3] };
  }
  if (parts.length !== 2) return null;
  const [exchangeId, documentId] = parts;
  if (!isId(exchangeId) || !isId(documentId)) return null;
  return { exchangeId, documentId };
}

/** Path prefix of the collaboration WebSocket endpoint; the room name follows it. */
export const COLLAB_PATH = "/collab";
