import type { ReactNode } from "react";
import "./Badge.css";

/** A small label: a role, a status, a kind. Text always carries the meaning; colour only supports it. */
export function Badge({
  tone = "neutral",
  children,
}: {
  tone?: "neutral" | "accent" | "success" | "warning" | "danger";
  children: ReactNode;
}) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}

/** A colour swatch next to its name (the name is what assistive tech reads). */
export function Swatch({ color }: { color: string }) {
  return <span className="swatch" style={{ backgroundColor: color }} aria-hidden="true" />;
}
