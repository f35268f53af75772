import type { ReactNode } from "react";
import "./CardEmpty.css";

/** A card's empty state: an icon, what is missing, and what to do about it. */
export function CardEmpty({
  icon,
  title,
  children,
}: {
  icon: ReactNode;
  title: string;
  children: ReactNode;
}) {
  return (
    <div className="card-empty">
      <span className="card-empty__icon">{icon}</span>
      <p className="card-empty__title">{title}</p>
      <p className="card-empty__body">{children}</p>
    </div>
  );
}
