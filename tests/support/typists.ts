import type { ExchangeFixture, Member } from "./api";
import { type CollabClient, connectClient, seededRandom, waitFor } from "./collabClient";

/** The facilitator and two delegates of `exchange`, each connected to a new document of it and synced. */
export async function connectThree(
  exchange: ExchangeFixture,
  wsUrl: string,
): Promise<{ room: string; members: Member[]; clients: CollabClient[] }> {
  const { room } = await exchange.newDocument();
  const members = [exchange.facilitator, await exchange.join("delegate"), await exchange.join("delegate")];
  const clients = members.map((m) => connectClient(wsUrl, room, { cookie: m.session.cookie }));
  try {
    await Promise.all(clients.map((c) => c.synced()));
  } catch (error) {
    for (const client of clients) client.destroy();
    throw error;
  }
  return { room, members, clients };
}

/**
 * Unique words typed at the start of the text by clients picked in a seeded random order (the same on
 * each run, whatever the server does meanwhile), and waits on what the clients have.
 */
export function typeWords(clients: CollabClient[], seed: number) {
  const random = seededRandom(seed);
  /** Every word typed so far. */
  const expected: string[] = [];
  return {
    expected,
    async typeSome(count: number): Promise<void> {
      for (let i = 0; i < count; i++) {
        const index = Math.floor(random() * clients.length);
        const word = `w${expected.length}c${index};`;
        expected.push(word);
        clients[index]!.text.insert(0, word);
        // A pause now and then lets the sockets send, so a kill lands between sends.
        if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 3));
      }
    },
    /** Waits until every client is connected again (after a server restart). */
    reconnected: () =>
      waitFor(() => clients.every((c) => c.provider.wsconnected), "clients reconnect", 15_000),
    /** Waits until every client's text holds every word typed so far. */
    everyClientHasEveryWord: () =>
      waitFor(
        () => clients.every((c) => expected.every((word) => c.text.toString().includes(word))),
        "every client has every edit",
        15_000,
      ),
  };
}
