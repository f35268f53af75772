/**
 * How far the server's clock is ahead of this device's (ms): a few round trips to the server's clock, the
 * shortest one kept (its answer was least delayed), the server's time taken at the middle of the trip.
 * A device whose clock is minutes wrong still counts down the same seconds as everyone else.
 */
export async function estimateServerOffset(
  serverNow: () => Promise<number>,
  localNow: () => number = Date.now,
  samples = 3,
): Promise<number> {
  let best: { rtt: number; offset: number } | null = null;
  for (let i = 0; i < samples; i++) {
    const sent = localNow();
    const server = await serverNow();
    const received = localNow();
    const rtt = received - sent;
    const offset = server - (sent + rtt / 2);
    if (!best || rtt < best.rtt) best = { rtt, offset };
  }
  return best!.offset;
}
