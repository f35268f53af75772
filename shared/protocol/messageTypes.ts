/** First varint of every y-websocket frame. */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /** Mutual's own: the server has durably stored a client's updates up to a clock (see savedMessage). */
  saved: 100,
  /** Mutual's own: what this connection may do in the room, sent on connect (see accessMessage). */
  access: 101,
  /** Mutual's own: an update from this connection was refused and not merged (see accessMessage). */
  refused: 102,
  /**
   * Mutual's own: a large sync step 2 (the answer to a client's step 1) compressed with raw DEFLATE
   * (RFC 1951) as one byte array; the client inflates it and applies it as that step 2 (see deflatedSync).
   */
  syncStep2Deflated: 103,
} as const;

/** Sub-type of a sync message (y-protocols/sync). */
export const SyncStep = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;
