import type { ReactNode } from "react";
import "./Card.css";

/** A titled panel of a screen; `actions` sit at the right of the title. */
export function Card({
  title,
  titleId,
  actions,
  children,
  className,
}: {
  title: string;
  titleId: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={["card", className].filter(Boolean).join(" ")} aria-labelledby={titleId}>
      <div className="card__header">
        <h2 id={titleId} className="card__title">
          {title}
        </h2>
        {actions ? <div className="card__actions">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}
