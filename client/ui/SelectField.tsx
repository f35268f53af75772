import { forwardRef, type SelectHTMLAttributes, useId } from "react";
import "./TextField.css";

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & {
  label: string;
  hint?: string;
  error?: string | null;
};

/** A labelled native select (keyboard, screen readers and touch work as the platform does). */
export const SelectField = forwardRef<HTMLSelectElement, SelectFieldProps>(function SelectField(
  { label, hint, error, className, children, ...rest },
  ref,
) {
  const id = useId();
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={["text-field", className].filter(Boolean).join(" ")}>
      <label className="text-field__label" htmlFor={id}>
        {label}
      </label>
      <select
        {...rest}
        ref={ref}
        id={id}
        className="text-field__input text-field__select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      >
        {children}
      </select>
      {hint ? (
        <p className="text-field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="text-field__error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
});
