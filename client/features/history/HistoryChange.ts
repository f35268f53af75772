import { Mark } from "@tiptap/core";
import { HISTORY_CHANGE_MARK, type HistoryChangeAttrs } from "../../../shared/api/history";

export interface HistoryChangeOptions {
  /** Colour and label of a change (read at render time: names arrive with the answer). */
  describe: (attrs: HistoryChangeAttrs) => { color: string; label: string };
}

/** Inserted text is <ins>, deleted <del>; text formatted differently is neither, so a <span>. */
const TAG = { insert: "ins", delete: "del", format: "span" } as const;

/**
 * Text a comparison found inserted, deleted or reformatted, in the colour of the delegation that made
 * the change, focusable, with who made it as its accessible name and tooltip.
 */
export const HistoryChange = Mark.create<HistoryChangeOptions>({
  name: HISTORY_CHANGE_MARK,
  inclusive: false,
  excludes: "",
  addOptions() {
    return { describe: () => ({ color: "", label: "" }) };
  },
  addAttributes() {
    return {
      kind: { default: "insert", rendered: false },
      participantId: { default: null, rendered: false },
      delegationId: { default: null, rendered: false },
    };
  },
  renderHTML({ mark }) {
    const attrs = mark.attrs as HistoryChangeAttrs;
    const { color, label } = this.options.describe(attrs);
    return [
      TAG[attrs.kind] ?? "span",
      {
        class: `history-change history-change--${attrs.kind}`,
        style: `--change-color: ${color}`,
        "data-label": label,
        title: label,
        "aria-label": label,
        tabindex: "0",
      },
      0,
    ];
  },
});
