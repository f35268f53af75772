import { type ButtonHTMLAttributes, forwardRef, type ReactNode } from "react";
import "./IconButton.css";

type IconButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "aria-label"> & {
  /** Accessible name (required: the button shows only an icon). */
  label: string;
  /** Tooltip text; defaults to the label (e.g. the label plus its keyboard shortcut). */
  hint?: string;
  /** A toggle's state; omitted for plain actions so screen readers do not announce "not pressed". */
  pressed?: boolean;
  children: ReactNode;
};

/** A square button showing an icon, named by `label`, with an optional pressed state. */
export const IconButton = forwardRef<HTMLButtonElement, IconButtonProps>(function IconButton(
  { label, hint, pressed, className, type, children, ...rest },
  ref,
) {
  return (
    <button
      {...rest}
      ref={ref}
      type={type ?? "button"}
      aria-label={label}
      aria-pressed={pressed}
      title={hint ?? label}
      className={["icon-button", className].filter(Boolean).join(" ")}
    >
      {children}
    </button>
  );
});
