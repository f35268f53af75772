import type { Editor } from "@tiptap/react";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../ui/Button";
import { TextField } from "../ui/TextField";
import { normalizeHref } from "./linkHref";
import "../ui/popover.css";
import "./LinkPopover.css";

/**
 * A small dialog to add, edit or remove the link at the selection (no window.prompt).
 * Escape or Cancel returns to the text; the selection is kept while the popover has focus.
 */
export function LinkPopover({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const { t } = useTranslation("editor");
  const existing = (editor.getAttributes("link").href as string | undefined) ?? "";
  const [value, setValue] = useState(existing);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  // A click elsewhere closes the popover without changing anything.
  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) onClose();
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [onClose]);

  const close = () => {
    onClose();
    editor.commands.focus();
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const href = normalizeHref(value);
    if (!href) {
      setError(t("link.invalid"));
      inputRef.current?.focus();
      return;
    }
    const chain = editor.chain().focus().extendMarkRange("link");
    if (editor.state.selection.empty && !editor.isActive("link")) {
      chain
        .insertContent({ type: "text", text: value.trim(), marks: [{ type: "link", attrs: { href } }] })
        .run();
    } else {
      chain.setLink({ href }).run();
    }
    onClose();
  };

  const remove = () => {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    onClose();
  };

  return (
    <div
      ref={rootRef}
      className="popover link-popover"
      role="dialog"
      aria-label={existing ? t("link.editTitle") : t("link.addTitle")}
      onKeyDown={(event) => {
        if (event.nativeEvent.isComposing) return;
        if (event.key === "Escape") {
          event.preventDefault();
          close();
        }
      }}
    >
      <form onSubmit={apply} noValidate>
        <TextField
          ref={inputRef}
          label={t("link.address")}
          placeholder={t("link.placeholder")}
          value={value}
          error={error}
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
        />
        <div className="link-popover__actions">
          {existing ? (
            <Button variant="danger" onClick={remove}>
              {t("link.remove")}
            </Button>
          ) : null}
          <span className="link-popover__spacer" />
          <Button variant="ghost" onClick={close}>
            {t("link.cancel")}
          </Button>
          <Button variant="primary" type="submit">
            {t("link.apply")}
          </Button>
        </div>
      </form>
    </div>
  );
}
