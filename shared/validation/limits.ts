/** Defaults for the collaboration limits; the server may configure others, the client reads these. */
export const DEFAULT_LIMITS = {
  /** Largest single WebSocket message accepted, in bytes. */
  maxMessageBytes: 1024 * 1024,
  /** Largest encoded document state accepted, in bytes. */
  maxDocumentBytes: 8 * 1024 * 1024,
} as const;

export type CollabLimits = { maxMessageBytes: number; maxDocumentBytes: number };
