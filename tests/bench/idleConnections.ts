import type { WebSocket } from "ws";
import { BENCH, roomName } from "./config";
import { rssBytes } from "./procStats";
import type { BenchServer } from "./servers";
import { closeAll, openSynced, sleep } from "./wsClient";

export interface IdleResult {
  connections: number;
  rooms: number;
  rssBeforeBytes: number;
  rssAfterBytes: number;
  perConnectionBytes: number;
}

/** Mean of a few RSS readings, to smooth out a GC in the middle. */
async function steadyRss(pid: number): Promise<number> {
  let total = 0;
  for (let i = 0; i < 4; i++) {
    total += rssBytes(pid);
    await sleep(150);
  }
  return total / 4;
}

/**
 * Opens many idle, synced connections spread over rooms (as in the load: 10 per room) and divides
 * the server's RSS growth by their number. A warm-up connection first pays the one-time costs.
 */
export async function measureIdleConnections(server: BenchServer): Promise<IdleResult> {
  const { connections, rooms, concurrency } = BENCH.idle;
  const waitForStep2 = server.kind !== "relay";
  const { headers } = server;
  const warmRooms = Array.from({ length: 10 }, (_, i) => roomName("warmup01", i));
  const idleRooms = Array.from({ length: rooms }, (_, i) => roomName("idlebench", i));
  await server.prepare([...warmRooms, ...idleRooms]);
  const warm: WebSocket[] = [];
  for (const room of warmRooms)
    warm.push((await openSynced(server.roomUrl(room), { waitForStep2, headers })).socket);
  await closeAll(warm);
  await sleep(500);
  const rssBeforeBytes = await steadyRss(server.pid);

  const sockets: WebSocket[] = [];
  try {
    for (let first = 0; first < connections; first += concurrency) {
      const batch = Array.from({ length: Math.min(concurrency, connections - first) }, (_, j) => {
        const i = first + j;
        return openSynced(server.roomUrl(idleRooms[i % rooms]!), { waitForStep2, headers });
      });
      for (const opened of await Promise.all(batch)) sockets.push(opened.socket);
    }
    await sleep(1_000);
    const rssAfterBytes = await steadyRss(server.pid);
    return {
      connections,
      rooms,
      rssBeforeBytes,
      rssAfterBytes,
      perConnectionBytes: (rssAfterBytes - rssBeforeBytes) / connections,
    };
  } finally {
    await closeAll(sockets);
  }
}
