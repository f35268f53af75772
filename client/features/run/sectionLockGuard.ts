/**
 * While a run locks sections, a participant's typing there is stopped in the page before the editor takes
 * it (the server refuses it anyway, and the refused change would be dropped with the server's copy
 * reloaded: better not to let it happen). Locked sections get a class for their look. The section elements
 * are the template section node views (`.template-section[data-section-id]`, client/editor).
 */
const EDITOR = ".collab-editor__content";
const SECTION = ".template-section[data-section-id]";
const EDITING_KEYS = new Set(["Enter", "Backspace", "Delete"]);

export function guardLockedSections(lockedIds: readonly string[]): () => void {
  const locked = new Set(lockedIds);
  const sectionOf = (node: Node | null): string | null => {
    const element = node instanceof Element ? node : (node?.parentElement ?? null);
    return element?.closest<HTMLElement>(SECTION)?.dataset.sectionId ?? null;
  };
  const touchesLocked = (): boolean => {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0) return false;
    const anchor = selection.anchorNode;
    const element = anchor instanceof Element ? anchor : (anchor?.parentElement ?? null);
    if (!element?.closest(EDITOR)) return false;
    const ids = [sectionOf(selection.anchorNode), sectionOf(selection.focusNode)];
    return ids.some((id) => id !== null && locked.has(id));
  };
  const stop = (event: Event) => {
    if (event instanceof KeyboardEvent && !EDITING_KEYS.has(event.key)) return;
    if (touchesLocked()) {
      event.preventDefault();
      event.stopPropagation();
    }
  };
  const mark = () => {
    for (const section of document.querySelectorAll<HTMLElement>(SECTION)) {
      section.classList.toggle("run-locked", locked.has(section.dataset.sectionId ?? ""));
    }
  };
  mark();
  // Sections are redrawn by the editor (a remote change, a language switch): mark them again.
  const observer = new MutationObserver(mark);
  const editor = document.querySelector(EDITOR);
  if (editor) observer.observe(editor, { childList: true, subtree: false });
  const events = ["beforeinput", "keydown", "paste", "drop", "cut"] as const;
  for (const type of events) document.addEventListener(type, stop, true);
  return () => {
    for (const type of events) document.removeEventListener(type, stop, true);
    observer.disconnect();
    for (const section of document.querySelectorAll(".run-locked")) section.classList.remove("run-locked");
  };
}
