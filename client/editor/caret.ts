import { type CaretActivity, caretKey } from "./caretActivity";

/**
 * DOM for a collaborator's caret: a thin coloured bar with the name floating above it.
 * The label is absolutely positioned and not selectable, so it never shifts text or joins a selection.
 * It shows only while that person types or moves, or under the pointer (carets.css): otherwise it
 * would hide the line above, which someone may be reading or writing.
 */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === "string" ? user.color : "#5b6270";
  const name = typeof user.name === "string" ? user.name : "";
  const caret = document.createElement("span");
  caret.className = "collaboration-carets__caret";
  caret.style.borderColor = color;
  caret.setAttribute("contenteditable", "false");
  caret.setAttribute("aria-hidden", "true");
  // The server vouches for the participant id; "who is here" finds their caret by it.
  if (typeof user.participantId === "string") caret.dataset.participantId = user.participantId;
  const label = document.createElement("span");
  label.className = "collaboration-carets__label";
  label.style.backgroundColor = color;
  label.textContent = name;
  caret.append(label);
  return caret;
}

/** Carets whose names follow `activity` (who is typing or moving now). */
export function caretRenderer(activity: CaretActivity): (user: Record<string, unknown>) => HTMLElement {
  return (user) => {
    const caret = renderCaret(user);
    activity.track(caret, caretKey(user));
    return caret;
  };
}

/** Selection highlight: the collaborator's colour, translucent, so text stays readable. */
export function renderSelection(user: Record<string, unknown>): { style: string; class: string } {
  const color = typeof user.color === "string" ? user.color : "#5b6270";
  return { style: `background-color: ${color}2e`, class: "collaboration-carets__selection" };
}

/** A collaborator's caret in the page, if they have one in the text now. */
export function findCaret(participantId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(
    `.collaboration-carets__caret[data-participant-id="${CSS.escape(participantId)}"]`,
  );
}
