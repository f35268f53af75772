import { Worker, type WorkerOptions } from "node:worker_threads";

/** What every reply of a request thread carries: the request's id, and the error that failed it. */
export interface ThreadReply {
  id: number;
  error: string | null;
}

/**
 * A worker thread that answers requests by id, started on first use. It holds the process only while a
 * request is in flight. A thread that dies fails the requests it held, and the next request starts a
 * new one. Used for the SQLite writer, PostgreSQL's snapshot merges and version history.
 */
export class RequestThread<Request extends { id: number }, Reply extends ThreadReply> {
  private current: { thread: Worker; pending: Map<number, (reply: Reply | Error) => void> } | null = null;
  private nextId = 0;

  constructor(
    private readonly url: URL,
    private readonly label: string,
    private readonly options?: WorkerOptions,
  ) {}

  /** Sends the request `make` builds with its id; resolves its reply, or rejects with its error. */
  request(make: (id: number) => Request): Promise<Reply> {
    this.current ??= this.start();
    const target = this.current;
    const request = make(++this.nextId);
    return new Promise((resolve, reject) => {
      target.pending.set(request.id, (reply) => {
        if (reply instanceof Error) reject(reply);
        else if (reply.error !== null) reject(new Error(reply.error));
        else resolve(reply);
      });
      target.thread.ref();
      target.thread.postMessage(request);
    });
  }

  /** Stops the thread: by a message it answers by exiting (after its queued work), or at once. */
  async stop(message?: unknown): Promise<void> {
    const stopping = this.current;
    this.current = null;
    if (!stopping) return;
    if (message === undefined) {
      await stopping.thread.terminate();
      return;
    }
    await new Promise<void>((resolve) => {
      stopping.thread.ref();
      stopping.thread.once("exit", () => resolve());
      stopping.thread.postMessage(message);
    });
  }

  private start() {
    const thread = new Worker(this.url, this.options);
    const started = { thread, pending: new Map<number, (reply: Reply | Error) => void>() };
    // Only this thread's requests fail with it; the next request goes to a new one.
    const fail = (error: Error) => {
      if (this.current === started) this.current = null;
      for (const settle of started.pending.values()) settle(error);
      started.pending.clear();
    };
    thread.on("message", (reply: Reply) => {
      const settle = started.pending.get(reply.id);
      started.pending.delete(reply.id);
      if (started.pending.size === 0) thread.unref();
      settle?.(reply);
    });
    thread.on("error", fail);
    thread.on("exit", (code) => fail(new Error(`${this.label} worker exited (${code})`)));
    thread.unref();
    return started;
  }
}
