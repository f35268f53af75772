import { Worker } from "node:worker_threads";
import { BENCH } from "./config";
import { addInto, newHistogram } from "./latency";
import type { LoadRequest, LoadResponse, LoadWorkerData, RunResult } from "./loadMessages";

type Command = LoadRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

/** One load worker and a request/response channel to it. */
class Shard {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(readonly rooms: string[]) {
    const data: LoadWorkerData = {
      rooms,
      clientsPerRoom: BENCH.clientsPerRoom,
      charsPerUpdate: BENCH.charsPerUpdate,
    };
    this.worker = new Worker(new URL("./loadWorker.mjs", import.meta.url), { workerData: data });
    this.worker.on("message", (response: LoadResponse) => {
      const waiter = this.pending.get(response.id);
      this.pending.delete(response.id);
      if (response.ok) waiter?.resolve(response.result);
      else waiter?.reject(new Error(response.error));
    });
    this.worker.on("error", (error) => {
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    });
  }

  request<T>(command: Command): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...command, id });
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

export interface LoadResult extends RunResult {
  /** Wall time of the whole run, drain included. */
  durationMs: number;
}

/** The load generator: the rooms spread over worker threads, driven together. */
export class LoadGenerator {
  private readonly shards: Shard[];

  constructor(readonly rooms: string[]) {
    const count = Math.max(1, Math.min(BENCH.workers, rooms.length));
    const split: string[][] = Array.from({ length: count }, () => []);
    for (const [i, room] of rooms.entries()) split[i % count]!.push(room);
    this.shards = split.map((shardRooms) => new Shard(shardRooms));
  }

  get workerCount(): number {
    return this.shards.length;
  }

  /** Connects every client of every room and waits until each is synced. */
  async connect(
    roomUrl: (room: string) => string,
    headers: Record<string, string>,
    waitForStep2: boolean,
    /** Scale-out bench: a second instance, to which every other client of each room connects. */
    second?: { roomUrl: (room: string) => string; headers: Record<string, string> },
  ): Promise<void> {
    await Promise.all(
      this.shards.map((shard) =>
        shard.request({
          cmd: "connect",
          urls: shard.rooms.map(roomUrl),
          headers,
          waitForStep2,
          second: second && { urls: shard.rooms.map(second.roomUrl), headers: second.headers },
        }),
      ),
    );
  }

  /** Generates (outside any measurement) enough updates for `totalRate` over `durationMs`. */
  async prepare(totalRate: number, durationMs: number): Promise<void> {
    const clients = this.rooms.length * BENCH.clientsPerRoom;
    const updatesPerClient = Math.ceil((totalRate * durationMs) / 1000 / clients) + 2;
    await Promise.all(this.shards.map((shard) => shard.request({ cmd: "prepare", updatesPerClient })));
  }

  /** Offers `totalRate` updates/s for `durationMs`, then waits up to `drainMs` for deliveries. */
  async run(totalRate: number, durationMs: number, drainMs: number): Promise<LoadResult> {
    const started = performance.now();
    const results = await Promise.all(
      this.shards.map((shard) =>
        shard.request<RunResult>({
          cmd: "run",
          rate: (totalRate * shard.rooms.length) / this.rooms.length,
          durationMs,
          drainMs,
        }),
      ),
    );
    const elapsed = performance.now() - started;
    const histogram = newHistogram();
    const crossHistogram = newHistogram();
    const total: LoadResult = {
      planned: 0,
      sent: 0,
      expected: 0,
      delivered: 0,
      frames: 0,
      histogram,
      crossHistogram,
      sendMs: Math.max(...results.map((r) => r.sendMs)),
      // The busiest load thread decides whether the generator kept up.
      elu: Math.max(...results.map((r) => r.elu)),
      durationMs: elapsed,
    };
    for (const result of results) {
      total.planned += result.planned;
      total.sent += result.sent;
      total.expected += result.expected;
      total.delivered += result.delivered;
      total.frames += result.frames;
      addInto(histogram, result.histogram);
      addInto(crossHistogram, result.crossHistogram);
    }
    return total;
  }

  async disconnect(): Promise<void> {
    await Promise.all(this.shards.map((shard) => shard.request({ cmd: "disconnect" })));
  }

  async terminate(): Promise<void> {
    await Promise.all(this.shards.map((shard) => shard.terminate()));
  }
}
