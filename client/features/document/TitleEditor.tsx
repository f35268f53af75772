import { type RefObject, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../shared/api/paths";
import type { RoomAddress } from "../../../shared/protocol/roomName";
import { apiRequest, asFailure } from "../../api/request";
import { useErrorText } from "../../api/useErrorText";

/**
 * The document title: plain text for readers; for editors a one-paragraph field that saves (PATCH) on
 * Enter or blur. Escape restores the saved title. While an IME composes, Enter belongs to the IME.
 * Both wrap onto more lines instead of cutting a long title.
 */
export function TitleEditor({
  room,
  title,
  editable,
  onRenamed,
}: {
  room: RoomAddress;
  title: string;
  editable: boolean;
  onRenamed: (title: string) => void;
}) {
  const { t } = useTranslation("document");
  const errorText = useErrorText();
  const [draft, setDraft] = useState(title);
  const [error, setError] = useState<string | null>(null);
  const editing = useRef(false);
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  useAutoHeight(fieldRef, draft);

  useEffect(() => {
    if (!editing.current) setDraft(title);
  }, [title]);

  if (!editable) {
    return <span className="document-title document-title--static">{title || t("untitled")}</span>;
  }

  const save = async () => {
    editing.current = false;
    const next = draft.trim();
    if (next === title) return;
    if (!next) {
      setDraft(title);
      return;
    }
    try {
      await apiRequest("PATCH", api.document(room.exchangeId, room.documentId), { title: next });
      setError(null);
      onRenamed(next);
    } catch (failure) {
      const problem = asFailure(failure);
      setError(
        problem.code === "validation_failed"
          ? errorText.field(problem.fields.title)
          : errorText.failure(problem),
      );
      setDraft(title);
    }
  };

  return (
    <span className="document-title__wrap">
      <textarea
        ref={fieldRef}
        className="document-title"
        rows={1}
        value={draft}
        maxLength={120}
        aria-label={t("titleLabel")}
        aria-invalid={error ? true : undefined}
        spellCheck
        onFocus={() => {
          editing.current = true;
        }}
        onChange={(event) => {
          // One paragraph: a pasted line break becomes a space.
          setDraft(event.target.value.replace(/[\r\n]+/g, " "));
          setError(null);
        }}
        onBlur={() => void save()}
        onKeyDown={(event) => {
          if (event.nativeEvent.isComposing) return;
          if (event.key === "Enter") {
            event.preventDefault();
            event.currentTarget.blur();
          } else if (event.key === "Escape") {
            setDraft(title);
            editing.current = false;
          }
        }}
      />
      {error ? (
        <span className="document-title__error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

/**
 * Grows the field to show every line of its text. Browsers with CSS `field-sizing` do it themselves
 * (also when a font or the language changes the wrapping); elsewhere, again whenever its width changes.
 */
function useAutoHeight(ref: RefObject<HTMLTextAreaElement | null>, value: string): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the height is measured again for each text
  useLayoutEffect(() => {
    const field = ref.current;
    if (!field || CSS.supports("field-sizing", "content")) return;
    const grow = () => {
      field.style.height = "auto";
      // scrollHeight leaves out the borders, which a border-box height includes.
      field.style.height = `${field.scrollHeight + field.offsetHeight - field.clientHeight}px`;
    };
    grow();
    let width = field.clientWidth;
    const observer = new ResizeObserver(() => {
      if (field.clientWidth === width) return;
      width = field.clientWidth;
      grow();
    });
    observer.observe(field);
    return () => observer.disconnect();
  }, [ref, value]);
}
