/**
 * WebSocket close codes the collaboration server uses, defined once for both sides.
 * y-websocket 3.x treats 4400-4499 as permanent (no reconnect) and emits `connection-close`;
 * anything else (1001, 1012, 1006...) makes it retry, which is what a restart should do.
 */
export const CloseCode = {
  /** Server is restarting or shutting down: reconnect. */
  serviceRestart: 1012,
  /** The participant's role, name or the document's state changed: reconnect to get the new access. */
  accessChanged: 4001,
  /** Room name is not a valid room id. */
  invalidRoom: 4400,
  /** No valid session. */
  unauthorized: 4401,
  /** Session valid but not allowed in this room (not a member, removed, or the Origin is foreign). */
  forbidden: 4403,
  /** The document does not exist in this exchange. */
  notFound: 4404,
  /** A message that is not valid y-websocket protocol. */
  malformedMessage: 4410,
  /** A message type the server does not handle. */
  unknownMessage: 4411,
  /** A single message above the configured maximum. */
  messageTooLarge: 4413,
  /** The document would grow past the configured maximum size. */
  documentTooLarge: 4414,
  /** The room could not be loaded from storage. */
  roomUnavailable: 4500,
} as const;

export type CloseCodeName = keyof typeof CloseCode;

const byCode = new Map<number, CloseCodeName>(
  Object.entries(CloseCode).map(([name, code]) => [code, name as CloseCodeName]),
);

/** The name of a close code, or null for codes the protocol does not define. */
export function closeCodeName(code: number): CloseCodeName | null {
  return byCode.get(code) ?? null;
}

/** True when the client must not reconnect after this close. */
export function isPermanentClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}
