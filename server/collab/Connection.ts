/** One client's socket as the rooms see it: something to send to, close, and remember state for. */
export interface Connection {
  readonly id: string;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Awareness client ids this connection has announced (removed when it leaves). */
  readonly awarenessIds: Set<number>;
}
