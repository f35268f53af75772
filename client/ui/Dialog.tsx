import { type ReactNode, useEffect, useId, useRef } from "react";
import "./Dialog.css";

/**
 * A modal dialog on the native <dialog>: focus is trapped and Escape closes it without custom code.
 * Rendered only while open; closing (Escape, backdrop, buttons) calls `onClose`.
 */
export function Dialog({
  title,
  children,
  actions,
  onClose,
  onSubmit,
}: {
  title: string;
  children?: ReactNode;
  actions: ReactNode;
  onClose: () => void;
  /** When set, the body is a form and Enter submits it. */
  onSubmit?: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const body = (
    <>
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      {children ? <div className="dialog__body">{children}</div> : null}
      <div className="dialog__actions">{actions}</div>
    </>
  );
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {onSubmit ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            onSubmit();
          }}
        >
          {body}
        </form>
      ) : (
        body
      )}
    </dialog>
  );
}
