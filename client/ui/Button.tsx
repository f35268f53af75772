import type { ButtonHTMLAttributes, ReactNode } from "react";
import "./Button.css";

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: "primary" | "secondary" | "ghost" | "danger";
  icon?: ReactNode;
};

/** A labelled button; `type` defaults to "button" so it never submits a form by accident. */
export function Button({ variant = "secondary", icon, className, children, type, ...rest }: ButtonProps) {
  return (
    <button
      {...rest}
      type={type ?? "button"}
      className={["button", `button--${variant}`, className].filter(Boolean).join(" ")}
    >
      {icon}
      <span className="button__label">{children}</span>
    </button>
  );
}
