import { getSchema } from "@tiptap/core";
import { joinBackward, lift } from "@tiptap/pm/commands";
import type { Node as PMNode, Schema } from "@tiptap/pm/model";
import { AllSelection, EditorState, TextSelection, type Transaction } from "@tiptap/pm/state";
import StarterKit from "@tiptap/starter-kit";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import { TemplateSection } from "../../../client/editor/templateSection";
import {
  clearAcrossSections,
  emptyLineInSection,
  guardSectionsPlugin,
  sectionBoundaryKey,
} from "../../../client/editor/templateSectionGuard";

const schema: Schema = getSchema([StarterKit, TemplateSection]);
const p = (text: string) => schema.node("paragraph", null, text ? [schema.text(text)] : []);
const section = (sectionId: string, ...blocks: PMNode[]) =>
  schema.node("templateSection", { sectionId }, blocks.length ? blocks : [p("")]);

function stateOf(doc: PMNode, at?: number | "all"): EditorState {
  const state = EditorState.create({ doc, plugins: [guardSectionsPlugin()] });
  if (at === undefined) return state;
  const selection = at === "all" ? new AllSelection(state.doc) : TextSelection.create(state.doc, at);
  return state.apply(state.tr.setSelection(selection));
}

/** Runs a command as the editor would: its transaction goes through the filter. */
function run(state: EditorState, command: (s: EditorState, d: (tr: Transaction) => void) => boolean) {
  let next = state;
  const handled = command(state, (tr) => {
    next = state.apply(tr);
  });
  return { handled, state: next };
}

const texts = (doc: PMNode) => {
  const out: string[] = [];
  doc.forEach((child) => {
    out.push(`${child.type.name}:${child.attrs.sectionId ?? ""}=${child.textContent}`);
  });
  return out;
};

// Two sections: "intended" holds "We planned." (positions 2..13), "actual" holds "It rained.".
const twoSections = () =>
  schema.node("doc", null, [section("intended", p("We planned.")), section("actual", p("It rained."))]);
const startOfSecond = () => twoSections().child(0).nodeSize + 2;

describe("template sections stay whole while answers are edited", () => {
  it("lets answers be typed into", () => {
    const state = stateOf(twoSections(), 4);
    const next = state.apply(state.tr.insertText("X"));
    expect(texts(next.doc)).toEqual([
      "templateSection:intended=WeX planned.",
      "templateSection:actual=It rained.",
    ]);
  });

  it("refuses joining a section into the one before it (Backspace at the start of an answer)", () => {
    const state = stateOf(twoSections(), startOfSecond());
    const { state: after } = run(state, joinBackward);
    expect(texts(after.doc)).toEqual(texts(state.doc));
    // A raw join at the boundary, as a browser's own deletion would produce, is refused too.
    const boundary = twoSections().child(0).nodeSize;
    expect(state.apply(state.tr.join(boundary)).doc.eq(state.doc)).toBe(true);
    // And the key itself is taken (nothing happens), so the browser does not merge the two.
    expect(sectionBoundaryKey(state, "backward")).toBe(true);
    expect(sectionBoundaryKey(stateOf(twoSections(), startOfSecond() + 1), "backward")).toBe(false);
  });

  it("refuses splitting a section, deleting one, or lifting an answer out of it", () => {
    const state = stateOf(twoSections(), 5);
    expect(state.apply(state.tr.split(5, 2)).doc.eq(state.doc)).toBe(true);
    const first = state.doc.child(0);
    expect(state.apply(state.tr.delete(0, first.nodeSize)).doc.eq(state.doc)).toBe(true);
    expect(run(state, lift).state.doc.eq(state.doc)).toBe(true);
  });

  it("lets a change from Yjs (another client, the server) through", () => {
    const state = stateOf(twoSections(), 5);
    const tr = state.tr
      .delete(0, state.doc.child(0).nodeSize)
      .setMeta(ySyncPluginKey, { isChangeOrigin: true });
    expect(texts(state.apply(tr).doc)).toEqual(["templateSection:actual=It rained."]);
  });

  it("empties every answer on select all + delete, keeping each section", () => {
    const state = stateOf(twoSections(), "all");
    const { handled, state: after } = run(state, clearAcrossSections);
    expect(handled).toBe(true);
    expect(texts(after.doc)).toEqual(["templateSection:intended=", "templateSection:actual="]);
    expect(after.selection.from).toBe(2);
  });

  it("deletes a selection across two answers as two partial deletions", () => {
    const base = stateOf(twoSections());
    const state = base.apply(base.tr.setSelection(TextSelection.create(base.doc, 5, startOfSecond() + 3)));
    const { state: after } = run(state, clearAcrossSections);
    expect(texts(after.doc)).toEqual(["templateSection:intended=We ", "templateSection:actual=rained."]);
  });

  it("makes a new line for Enter on an empty line of an answer (the editor would lift it out)", () => {
    const doc = schema.node("doc", null, [section("intended", p("A"), p("")), section("actual", p("B"))]);
    const state = stateOf(doc, 5);
    const { handled, state: after } = run(state, emptyLineInSection);
    expect(handled).toBe(true);
    expect(after.doc.child(0).childCount).toBe(3);
    expect(texts(after.doc)).toEqual(["templateSection:intended=A", "templateSection:actual=B"]);
  });

  it("keeps pasted sections out: a document without sections gets no new section", () => {
    const state = stateOf(schema.node("doc", null, [p("Plain")]), 3);
    const next = state.apply(state.tr.insert(0, section("intended", p("x"))));
    expect(next.doc.eq(state.doc)).toBe(true);
  });
});

describe("a caret between sections", () => {
  it("moves into the nearest answer after it (nothing could be written there)", () => {
    const state = stateOf(twoSections());
    const between = state.doc.child(0).nodeSize;
    const after = state.apply(state.tr.setSelection(TextSelection.create(state.doc, between)));
    expect(after.selection.from).toBe(between + 2);
    expect(after.selection.$from.parent.type.name).toBe("paragraph");
    expect(state.apply(state.tr.setSelection(TextSelection.create(state.doc, 0))).selection.from).toBe(2);
  });
});
