import "./Avatar.css";

/** A round badge with a person's initials in their colour; the full name is the tooltip. */
export function Avatar({ initials, color, title }: { initials: string; color: string; title: string }) {
  return (
    <span className="avatar" style={{ backgroundColor: color }} title={title}>
      <span aria-hidden="true">{initials}</span>
    </span>
  );
}
