import type { ButtonHTMLAttributes } from "react";

/**
 * The agenda's quiet text button (edit, move, duplicate, a day's actions…); `danger` for one that deletes.
 * Rows give it `aria-describedby` their heading, so that "Edit" says which session it edits.
 */
export function LinkButton({
  danger = false,
  ...button
}: { danger?: boolean } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type" | "className">) {
  return (
    <button
      {...button}
      type="button"
      className={danger ? "agenda-link-button agenda-link-button--danger" : "agenda-link-button"}
    />
  );
}
