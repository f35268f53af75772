import { isId } from "../../shared/protocol/ids";
import type { RoomAddress } from "../../shared/protocol/roomName";

/** The app's URL shapes, built and parsed in one place. */
export type Route =
  | { name: "home" }
  | { name: "join"; token: string }
  | { name: "exchange"; exchangeId: string }
  | { name: "document"; room: RoomAddress }
  | { name: "invalidDocument" }
  | { name: "notFound" };

export function exchangePath(exchangeId: string): string {
  return `/x/${encodeURIComponent(exchangeId)}`;
}

export function documentPath({ exchangeId, documentId }: RoomAddress): string {
  return `/x/${encodeURIComponent(exchangeId)}/d/${encodeURIComponent(documentId)}`;
}

/** Matches a pathname; a document URL with malformed ids is its own route (a designed "not found"). */
export function matchRoute(pathname: string): Route {
  if (pathname === "/" || pathname === "") return { name: "home" };
  const join = /^\/join\/([^/]+)\/?$/.exec(pathname);
  if (join) {
    const token = safeDecode(join[1] ?? "");
    return token ? { name: "join", token } : { name: "notFound" };
  }
  const exchange = /^\/x\/([^/]+)\/?$/.exec(pathname);
  if (exchange) {
    const exchangeId = safeDecode(exchange[1] ?? "");
    return isId(exchangeId) ? { name: "exchange", exchangeId } : { name: "notFound" };
  }
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
