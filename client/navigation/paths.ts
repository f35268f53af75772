import { isId } from "../../shared/protocol/ids";
import type { RoomAddress } from "../../shared/protocol/roomName";

/** The app's URL shapes, built and parsed in one place. */
export type Route =
  | { name: "home" }
  | { name: "join"; token: string }
  | { name: "exchange"; exchangeId: string }
  | { name: "document"; room: RoomAddress }
  /** An exchange's own template: a new one (templateId null) or one to edit. */
  | { name: "template"; exchangeId: string; templateId: string | null }
  | { name: "invalidDocument" }
  | { name: "notFound" };

export function exchangePath(exchangeId: string): string {
  return `/x/${encodeURIComponent(exchangeId)}`;
}

export function documentPath({ exchangeId, documentId }: RoomAddress): string {
  return `/x/${encodeURIComponent(exchangeId)}/d/${encodeURIComponent(documentId)}`;
}

/**
 * The template editor: a new template (optionally a copy of `from`, a built-in or custom id) or one of
 * the exchange's own.
 */
export function templatePath(exchangeId: string, templateId: string | null, from?: string): string {
  const base = `/x/${encodeURIComponent(exchangeId)}/templates/`;
  if (templateId) return `${base}${encodeURIComponent(templateId)}`;
  return from ? `${base}new?from=${encodeURIComponent(from)}` : `${base}new`;
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
  const template = /^\/x\/([^/]+)\/templates\/([A-Za-z0-9_-]{1,64})\/?$/.exec(pathname);
  if (template) {
    const exchangeId = safeDecode(template[1] ?? "");
    const templateId = template[2] === "new" ? null : (template[2] ?? null);
    return isId(exchangeId) ? { name: "template", exchangeId, templateId } : { name: "notFound" };
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
