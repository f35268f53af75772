import { getSchema } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import StarterKit from "@tiptap/starter-kit";
import { describe, expect, it } from "vitest";
import { localChange, replayOnto } from "../../../client/editor/compositionReplay";

const schema = getSchema([StarterKit]);
const doc = (...paragraphs: string[]): PMNode =>
  schema.node(
    "doc",
    null,
    paragraphs.map((text) => schema.node("paragraph", null, text ? [schema.text(text)] : [])),
  );
const text = (node: PMNode) => node.textBetween(0, node.content.size, "\n");

describe("localChange", () => {
  it("is null when nothing changed", () => {
    expect(localChange(doc("abc"), doc("abc"))).toBeNull();
  });

  it("finds an insertion at the caret", () => {
    // "Início: |" + "你好": positions count the paragraph's opening token.
    expect(localChange(doc("Início: "), doc("Início: 你好"))).toEqual({ start: 9, endBase: 9, endLocal: 11 });
  });

  it("keeps the change after its start when repeated characters make prefix and suffix overlap", () => {
    const change = localChange(doc("ab"), doc("abb"));
    expect(change).toEqual({ start: 3, endBase: 3, endLocal: 4 });
  });

  it("finds a replacement", () => {
    expect(localChange(doc("ni hao"), doc("你好"))).toEqual({ start: 1, endBase: 7, endLocal: 3 });
  });
});

describe("replayOnto", () => {
  it("puts the composed text where the composition began, after others' inserts before it", () => {
    const base = doc("Início: ");
    const local = doc("Início: 你好");
    const change = localChange(base, local)!;
    // Meanwhile someone typed "ação " inside "Início": the composition's start moved by 5.
    const current = doc("Iníação cio: ");
    const replay = replayOnto({ base, from: 9, to: 9 }, local, change, current, 14, 14);
    const result = current.copy(current.content).replace(replay.from, replay.to, replay.slice);
    expect(text(result)).toBe("Iníação cio: 你好");
    expect(replay.mapInside(11)).toBe(16);
    expect(replay.mapInside(3)).toBeNull();
  });

  it("replaces only the selection the composition replaced, keeping text others added after it", () => {
    const base = doc("one two three");
    const local = doc("one 二 three");
    const change = localChange(base, local)!;
    const current = doc("one two three four");
    const replay = replayOnto({ base, from: 5, to: 8 }, local, change, current, 5, 8);
    expect(text(current.replace(replay.from, replay.to, replay.slice))).toBe("one 二 three four");
  });

  it("stays inside the current document when the place moved past its end", () => {
    const base = doc("abc");
    const local = doc("abc字");
    const change = localChange(base, local)!;
    const current = doc("a");
    const replay = replayOnto({ base, from: 4, to: 4 }, local, change, current, 9, 9);
    expect(replay.from).toBeLessThanOrEqual(current.content.size);
    expect(replay.to).toBe(replay.from);
  });
});
