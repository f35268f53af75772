import type { ReactNode, Ref } from "react";
import { useTranslation } from "react-i18next";
import { IconButton } from "../ui/IconButton";
import { ariaShortcut, formatShortcut, SHORTCUTS, type ShortcutName } from "./shortcuts";

export interface ToolButtonProps {
  label: string;
  shortcut?: ShortcutName;
  pressed?: boolean;
  disabled?: boolean;
  expanded?: boolean;
  buttonRef?: Ref<HTMLButtonElement>;
  onRun: () => void;
  children: ReactNode;
}

/** One toolbar control: its tooltip shows the shortcut; it never steals the editor's selection. */
export function ToolButton({
  label,
  shortcut,
  pressed,
  disabled,
  expanded,
  buttonRef,
  onRun,
  children,
}: ToolButtonProps) {
  const { t } = useTranslation("editor");
  const platform = navigator.platform;
  const keys = shortcut ? SHORTCUTS[shortcut] : null;
  return (
    <IconButton
      ref={buttonRef}
      label={label}
      hint={keys ? t("withShortcut", { label, shortcut: formatShortcut(keys, platform) }) : label}
      pressed={pressed}
      disabled={disabled}
      aria-keyshortcuts={keys ? ariaShortcut(keys, platform) : undefined}
      aria-expanded={expanded}
      // Keep focus (and the selection) in the editor when clicked with a pointer.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onRun}
    >
      {children}
    </IconButton>
  );
}
