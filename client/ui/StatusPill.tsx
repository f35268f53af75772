import type { ReactNode } from "react";
import "./StatusPill.css";

export type StatusTone = "neutral" | "success" | "progress" | "warning" | "danger";

/**
 * A calm status indicator: icon plus short text, with an optional second line of detail.
 * Announced politely so screen readers hear changes without being interrupted.
 */
export function StatusPill({
  tone,
  icon,
  text,
  detail,
}: {
  tone: StatusTone;
  icon: ReactNode;
  text: string;
  detail?: string;
}) {
  return (
    // The tooltip holds the words too: on a phone the pill shows only its icon.
    <div
      className={`status-pill status-pill--${tone}`}
      role="status"
      aria-live="polite"
      title={detail ? `${text} · ${detail}` : text}
    >
      <span className="status-pill__icon">{icon}</span>
      <span className="status-pill__text">{text}</span>
      {detail ? <span className="status-pill__detail">{detail}</span> : null}
    </div>
  );
}
