/**
 * How a client asks for Mutual's own messages (`saved`, `access`, `refused`): `?mutual=1` on the
 * WebSocket URL, through y-websocket's `params` option. A client that does not ask (a stock
 * y-websocket provider) gets only standard y-protocols messages: it would log "Unable to compute
 * message" for each of ours.
 */
export const MUTUAL_CLIENT_PARAM = "mutual";

/** The version of Mutual's own messages the client reads. */
export const MUTUAL_CLIENT_VERSION = "1";

/** The provider's `params` for a Mutual client (a new object each time: the provider keeps it as its own). */
export function mutualClientParams(): Record<string, string> {
  return { [MUTUAL_CLIENT_PARAM]: MUTUAL_CLIENT_VERSION };
}

/** True when the query of a connection's URL asks for Mutual's own messages. */
export function asksForMutualMessages(query: URLSearchParams): boolean {
  return query.get(MUTUAL_CLIENT_PARAM) === MUTUAL_CLIENT_VERSION;
}
