import { COLLAB_PATH } from "../../shared/protocol/roomName";

/** The collaboration endpoint on the origin that served the app (ws: or wss: to match http: or https:). */
export function collabServerUrl(location: Location): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}${COLLAB_PATH}`;
}

/** IndexedDB database holding one room's offline copy. */
export function localStoreName(roomName: string): string {
  return `mutual:${roomName}`;
}
