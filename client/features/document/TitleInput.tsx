import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { MAX_TITLE_LENGTH } from "../../../shared/schema/documentLayout";

/**
 * The editable document title. While an IME is composing, remote changes wait and local
 * keystrokes are not written, so a half-typed pinyin syllable never reaches the others.
 */
export function TitleInput({ title, onChange }: { title: string; onChange: (value: string) => void }) {
  const { t } = useTranslation("document");
  const [draft, setDraft] = useState(title);
  const composing = useRef(false);

  useEffect(() => {
    if (!composing.current) setDraft(title);
  }, [title]);

  return (
    <input
      className="document-title"
      value={draft}
      maxLength={MAX_TITLE_LENGTH}
      placeholder={t("title.placeholder")}
      aria-label={t("title.label")}
      title={draft || t("title.placeholder")}
      spellCheck
      onCompositionStart={() => {
        composing.current = true;
      }}
      onCompositionEnd={(event) => {
        composing.current = false;
        onChange(event.currentTarget.value);
      }}
      onChange={(event) => {
        setDraft(event.target.value);
        if (!composing.current) onChange(event.target.value);
      }}
      onKeyDown={(event) => {
        if (event.nativeEvent.isComposing) return;
        // Enter moves on to the text, as in a word processor's title field.
        if (event.key === "Enter") {
          event.preventDefault();
          document.querySelector<HTMLElement>('[role="textbox"][contenteditable="true"]')?.focus();
        }
      }}
    />
  );
}
