import { forwardRef, type SelectHTMLAttributes } from "react";
import { FieldFrame, type FieldFrameProps } from "./FieldFrame";

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & FieldFrameProps;

/** A labelled native select (keyboard, screen readers and touch work as the platform does). */
export const SelectField = forwardRef<HTMLSelectElement, SelectFieldProps>(function SelectField(
  { label, hint, error, className, children, ...rest },
  ref,
) {
  return (
    <FieldFrame label={label} hint={hint} error={error} className={className}>
      {(control) => (
        <select {...rest} {...control} ref={ref} className="text-field__input text-field__select">
          {children}
        </select>
      )}
    </FieldFrame>
  );
});
