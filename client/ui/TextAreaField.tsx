import { forwardRef, type TextareaHTMLAttributes } from "react";
import { FieldFrame, type FieldFrameProps } from "./FieldFrame";

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> & FieldFrameProps;

/** A labelled multi-line text input. */
export const TextAreaField = forwardRef<HTMLTextAreaElement, TextAreaFieldProps>(function TextAreaField(
  { label, hint, error, className, ...rest },
  ref,
) {
  return (
    <FieldFrame label={label} hint={hint} error={error} className={className}>
      {(control) => (
        <textarea {...rest} {...control} ref={ref} className="text-field__input text-field__textarea" />
      )}
    </FieldFrame>
  );
});
