/** What the main thread and the load workers say to each other. */
export interface LoadWorkerData {
  /** The rooms this worker owns entirely (all their clients, senders and receivers). */
  rooms: string[];
  clientsPerRoom: number;
  charsPerUpdate: number;
}

export type LoadRequest =
  | {
      id: number;
      cmd: "connect";
      urls: string[];
      headers: Record<string, string>;
      waitForStep2: boolean;
      /** Scale-out bench: every other client of a room connects here (a second instance) instead. */
      second?: { urls: string[]; headers: Record<string, string> };
    }
  | { id: number; cmd: "prepare"; updatesPerClient: number }
  | { id: number; cmd: "run"; rate: number; durationMs: number; drainMs: number }
  | { id: number; cmd: "disconnect" };

export interface RunResult {
  /** Updates this worker should have sent in the window (rate x duration). */
  planned: number;
  sent: number;
  /** Deliveries expected: each sent update to every other client of its room. */
  expected: number;
  /** Deliveries that arrived before the drain ended. */
  delivered: number;
  /** Latency histogram of those deliveries (see latency.ts). */
  histogram: Uint32Array;
  /** Of those, the deliveries from a client on one instance to a client on another (scale-out bench). */
  crossHistogram: Uint32Array;
  /** Frames received in the window (a merged frame carries several updates). */
  frames: number;
  /** How long sending took (longer than planned when the thread could not keep up). */
  sendMs: number;
  /** This thread's event-loop utilisation while sending (1 = saturated). */
  elu: number;
}

export type LoadResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string };
