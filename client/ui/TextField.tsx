import { forwardRef, type InputHTMLAttributes } from "react";
import { FieldFrame, type FieldFrameProps } from "./FieldFrame";

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & FieldFrameProps;

/** A labelled text input with optional hint and an error message tied to it for assistive tech. */
export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { label, hint, error, className, ...rest },
  ref,
) {
  return (
    <FieldFrame label={label} hint={hint} error={error} className={className}>
      {(control) => <input {...rest} {...control} ref={ref} className="text-field__input" />}
    </FieldFrame>
  );
});
