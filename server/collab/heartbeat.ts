/** What the heartbeat needs of a socket (a `ws` WebSocket has all of it). */
export interface HeartbeatSocket {
  ping(): void;
  terminate(): void;
  /** False once pinged, true again when a pong arrives (the socket's owner sets it on "pong"). */
  isAlive?: boolean;
  /** Which slice of the interval this socket is pinged in (assigned on its first tick). */
  heartbeatSlice?: number;
}

/**
 * Pings every socket once per `intervalMs` and terminates one that has not answered its previous
 * ping. The sockets are pinged in `slices` groups spread across the interval, one group per tick:
 * pinging all of them in one turn (200 sockets: several milliseconds of writes, then as many pongs to
 * read) held back every delivery queued behind it, every 30 s.
 */
export function startHeartbeat(
  sockets: () => Iterable<HeartbeatSocket>,
  intervalMs: number,
  slices = 30,
): { stop(): void } {
  let tick = 0;
  let nextSlice = 0;
  const timer = setInterval(() => {
    tick = (tick + 1) % slices;
    for (const socket of sockets()) {
      socket.heartbeatSlice ??= nextSlice++ % slices;
      if (socket.heartbeatSlice !== tick) continue;
      if (socket.isAlive === false) socket.terminate();
      else {
        socket.isAlive = false;
        socket.ping();
      }
    }
  }, intervalMs / slices);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
