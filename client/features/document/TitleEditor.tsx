import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../shared/api/paths";
import type { RoomAddress } from "../../../shared/protocol/roomName";
import { apiRequest, asFailure } from "../../api/request";
import { useErrorText } from "../../api/useErrorText";

/**
 * The document title: plain text for readers; for editors an input that saves (PATCH) on Enter or blur.
 * Escape restores the saved title. While an IME composes, Enter belongs to the IME.
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

  useEffect(() => {
    if (!editing.current) setDraft(title);
  }, [title]);

  if (!editable) {
    return (
      <span className="document-title document-title--static" title={title}>
        {title || t("untitled")}
      </span>
    );
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
      <input
        className="document-title"
        value={draft}
        maxLength={120}
        aria-label={t("titleLabel")}
        aria-invalid={error ? true : undefined}
        title={draft}
        spellCheck
        onFocus={() => {
          editing.current = true;
        }}
        onChange={(event) => {
          setDraft(event.target.value);
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
