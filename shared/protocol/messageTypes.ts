/** First varint of every y-websocket frame. */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /** Mutual's own: the server has durably stored a client's updates up to a clock (see savedMessage). */
  saved: 100,
} as const;

/** Sub-type of a sync message (y-protocols/sync). */
export const SyncStep = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;
