import type { ReactNode } from "react";
import "./StateMessage.css";

/** A centred full-area message for empty, loading, not-found and error states. */
export function StateMessage({
  icon,
  title,
  children,
  actions,
  tone = "neutral",
}: {
  icon: ReactNode;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  tone?: "neutral" | "danger";
}) {
  return (
    <section className={`state-message state-message--${tone}`}>
      <div className="state-message__icon">{icon}</div>
      <h1 className="state-message__title">{title}</h1>
      {children ? <div className="state-message__body">{children}</div> : null}
      {actions ? <div className="state-message__actions">{actions}</div> : null}
    </section>
  );
}
