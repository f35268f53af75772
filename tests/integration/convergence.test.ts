import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExchange } from "../support/api";
import { type CollabClient, connectClient, seededRandom, waitFor } from "../support/collabClient";
import { type RunningServer, startServer } from "../support/server";
import { connectThree } from "../support/typists";

const long = process.env.MUTUAL_LONG === "1";
const ROUNDS = long ? 2000 : 200;
const SEEDS = long ? [1, 2, 3, 4, 5, 6, 7, 8] : [1, 2];

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.stop();
});

/** One random edit: insert (Latin, accented or CJK text), delete a range, or format a range. */
function randomEdit(client: CollabClient, random: () => number): void {
  const { text } = client;
  const length = text.length;
  const choice = random();
  if (choice < 0.6 || length === 0) {
    const samples = ["a", "bc", "ção ", "你好", "世界 ", "é", "\n"];
    text.insert(Math.floor(random() * (length + 1)), samples[Math.floor(random() * samples.length)]!);
  } else if (choice < 0.85) {
    const index = Math.floor(random() * length);
    text.delete(index, Math.min(length - index, 1 + Math.floor(random() * 3)));
  } else {
    const index = Math.floor(random() * length);
    text.format(index, Math.min(length - index, 4), { bold: random() < 0.5 ? true : null });
  }
}

describe("randomized convergence", () => {
  it.each(SEEDS)(
    "three clients with random disconnects converge to the same document (seed %i)",
    async (seed) => {
      const random = seededRandom(seed);
      const exchange = await createExchange(server.url);
      const { room, members, clients } = await connectThree(exchange, server.wsUrl);

      for (let round = 0; round < ROUNDS; round++) {
        const client = clients[Math.floor(random() * clients.length)]!;
        const roll = random();
        if (roll < 0.03 && client.provider.shouldConnect) client.provider.disconnect();
        else if (roll < 0.08 && !client.provider.shouldConnect) client.provider.connect();
        else randomEdit(client, random);
        if (round % 25 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      for (const client of clients) if (!client.provider.shouldConnect) client.provider.connect();

      const same = () => {
        const first = clients[0]!.text.toDelta();
        return clients.every(
          (c) => c.provider.synced && JSON.stringify(c.text.toDelta()) === JSON.stringify(first),
        );
      };
      await waitFor(same, `clients of seed ${seed} did not converge`, 15_000);

      // A fresh client gets exactly the converged content from the server.
      const late = connectClient(server.wsUrl, room, { cookie: members[1]!.session.cookie });
      await late.synced();
      expect(late.text.toDelta()).toEqual(clients[0]!.text.toDelta());
      for (const client of [...clients, late]) client.destroy();
    },
    long ? 600_000 : 30_000,
  );
});
