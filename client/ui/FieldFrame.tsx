import { type ReactNode, useId } from "react";
import "./TextField.css";

/** What every labelled field shares: a label, an optional hint and an error tied to the control. */
export interface FieldFrameProps {
  label: string;
  hint?: string;
  /** Translated error text; when set the control is marked invalid and describes itself with it. */
  error?: string | null;
  className?: string;
}

/** The props a control inside a FieldFrame needs to be labelled and described. */
export interface FieldControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/** Label, hint and error around one form control (input, select, textarea). */
export function FieldFrame({
  label,
  hint,
  error,
  className,
  children,
}: FieldFrameProps & { children: (control: FieldControlProps) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={["text-field", className].filter(Boolean).join(" ")}>
      <label className="text-field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hint ? (
        <p className="text-field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="text-field__error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
