import type { RawData } from "ws";

/**
 * The frames of one connection on their way to the room: held, in order, while the connection is
 * authorized and its room loads, then handed over one by one; nothing once the connection is condemned.
 * `ws` parses a whole TCP chunk at once and keeps emitting the messages it holds after we call close(),
 * so a valid update written right behind a malformed frame would otherwise still be applied.
 */
export interface ConnectionInbox {
  /** A frame from the socket: handled now, held until `open`, or dropped (and counted) once condemned. */
  receive(data: RawData, isBinary: boolean): void;
  /** The connection is ready: held frames are handled in order, until one of them condemns it. */
  open(): void;
  /** Nothing more from this connection is handled. True only the first time: the decision that counts. */
  condemn(): boolean;
  readonly condemned: boolean;
  /** Frames dropped because they came, or were still held, after the connection was condemned. */
  readonly dropped: number;
}

/** An inbox handing frames to `handle`, which may condemn the connection (and so stop the frames behind). */
export function createConnectionInbox(handle: (data: RawData, isBinary: boolean) => void): ConnectionInbox {
  let held: Array<[RawData, boolean]> | null = [];
  let condemned = false;
  let dropped = 0;
  return {
    receive(data, isBinary) {
      if (condemned) dropped++;
      else if (held) held.push([data, isBinary]);
      else handle(data, isBinary);
    },
    open() {
      const frames = held ?? [];
      held = null;
      for (let i = 0; i < frames.length; i++) {
        if (condemned) {
          dropped += frames.length - i;
          return;
        }
        const [data, isBinary] = frames[i]!;
        handle(data, isBinary);
      }
    },
    condemn() {
      if (condemned) return false;
      condemned = true;
      // Frames still held are counted when they are dropped (open), or never handled (no open).
      if (held) {
        dropped += held.length;
        held = null;
      }
      return true;
    },
    get condemned() {
      return condemned;
    },
    get dropped() {
      return dropped;
    },
  };
}
