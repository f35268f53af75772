/**
 * Keeps a read-only editor read-only in the page too. ProseMirror ignores DOM edits while not
 * editable, so when someone forces `contenteditable` on (devtools), typing would change only what
 * the screen shows, not the document, under an "All changes saved" status. Here such input is
 * cancelled before it lands (`beforeinput`), and what still lands (`input`: execCommand, an IME
 * composition, which cannot be cancelled) is reported, so the screen can say the change was refused
 * and go back to the server's copy.
 */
export function guardReadOnly(
  dom: HTMLElement,
  isReadOnly: () => boolean,
  onRefusedEdit: () => void,
): () => void {
  const onBeforeInput = (event: InputEvent) => {
    if (!isReadOnly()) return;
    event.preventDefault();
    onRefusedEdit();
  };
  const onInput = () => {
    if (isReadOnly()) onRefusedEdit();
  };
  dom.addEventListener("beforeinput", onBeforeInput);
  dom.addEventListener("input", onInput);
  return () => {
    dom.removeEventListener("beforeinput", onBeforeInput);
    dom.removeEventListener("input", onInput);
  };
}
