import { describe, expect, it } from "vitest";
import { type ConnectionInbox, createConnectionInbox } from "../../../../server/collab/connectionInbox";

/** An inbox whose handler records each frame and condemns the connection on a frame reading "bad". */
function recordingInbox() {
  const handled: string[] = [];
  const inbox: ConnectionInbox = createConnectionInbox((data) => {
    const text = data.toString();
    handled.push(text);
    if (text === "bad") inbox.condemn();
  });
  const send = (...frames: string[]) => {
    for (const frame of frames) inbox.receive(Buffer.from(frame), true);
  };
  return { inbox, handled, send };
}

describe("a connection's inbox", () => {
  it("holds frames until the connection is open, then hands them over in order", () => {
    const { inbox, handled, send } = recordingInbox();
    send("step1", "update");
    expect(handled).toEqual([]);
    inbox.open();
    send("awareness");
    expect(handled).toEqual(["step1", "update", "awareness"]);
    expect(inbox.dropped).toBe(0);
  });

  it("hands over nothing held behind the frame that condemned the connection", () => {
    const { inbox, handled, send } = recordingInbox();
    send("update", "bad", "valid update", "another");
    inbox.open();
    expect(handled).toEqual(["update", "bad"]);
    expect(inbox.condemned).toBe(true);
    expect(inbox.dropped).toBe(2);
  });

  it("hands over nothing that arrives after the connection was condemned, and counts it", () => {
    // As ws does: messages parsed from the same TCP chunk keep coming after close() was called.
    const { inbox, handled, send } = recordingInbox();
    inbox.open();
    send("update", "bad", "valid update");
    send(...Array.from({ length: 300 }, () => "garbage"));
    expect(handled).toEqual(["update", "bad"]);
    expect(inbox.dropped).toBe(301);
  });

  it("drops what it holds when condemned before it opens (refused by authorization)", () => {
    const { inbox, handled, send } = recordingInbox();
    send("update", "update");
    expect(inbox.condemn()).toBe(true);
    send("update");
    inbox.open();
    expect(handled).toEqual([]);
    expect(inbox.dropped).toBe(3);
  });

  it("reports only the first condemnation as the decision", () => {
    const { inbox } = recordingInbox();
    expect(inbox.condemn()).toBe(true);
    expect(inbox.condemn()).toBe(false);
    expect(inbox.condemned).toBe(true);
  });
});
