import { isId } from "../../shared/protocol/ids";
import type { RoomAddress } from "../../shared/protocol/roomName";

/** The app's URL shapes, built and parsed in one place. */
export type Route =
  | { name: "home" }
  | { name: "document"; room: RoomAddress }
  | { name: "invalidDocument" }
  | { name: "notFound" };

export function documentPath({ exchangeId, documentId }: RoomAddress): string {
  return `/x/${encodeURIComponent(exchangeId)}/d/${encodeURIComponent(documentId)}`;
}

/** Matches a pathname; a document URL with malformed ids is its own route (a designed "not found"). */
export function matchRoute(pathname: string): Route {
  if (pathname === "/" || pathname === "") return { name: "home" };
  const document = /^\/x\/([^/]+)\/d\/([^/]+)\/?$/.exec(pathname);
  if (document) {
    const exchangeId = safeDecode(document[1] ?? "");
    const documentId = safeDecode(document[2] ?? "");
    if (isId(exchangeId) && isId(documentId)) return { name: "document", room: { exchangeId, documentId } };
    return { name: "invalidDocument" };
  }
  return { name: "notFound" };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return "";
  }
}
