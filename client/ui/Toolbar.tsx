import { type KeyboardEvent, type ReactNode, useEffect, useRef } from "react";
import "./Toolbar.css";

const ITEM_SELECTOR = "button:not(:disabled), select:not(:disabled)";

/**
 * An ARIA toolbar with roving focus: one Tab stop, arrow keys / Home / End move between controls
 * (WAI-ARIA toolbar pattern). Disabled controls are skipped.
 */
export function Toolbar({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);

  // After each render, keep exactly one focusable item in the Tab order.
  useEffect(() => {
    const items = itemsOf(ref.current);
    if (items.length === 0) return;
    const current = items.find((item) => item.tabIndex === 0) ?? items[0];
    for (const item of items) item.tabIndex = item === current ? 0 : -1;
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.nativeEvent.isComposing) return;
    const items = itemsOf(ref.current);
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (index < 0) return;
    let next: number | null = null;
    if (event.key === "ArrowRight") next = (index + 1) % items.length;
    else if (event.key === "ArrowLeft") next = (index - 1 + items.length) % items.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = items.length - 1;
    if (next === null) return;
    event.preventDefault();
    focusItem(items, next);
  };

  return (
    <div
      ref={ref}
      role="toolbar"
      aria-label={label}
      aria-orientation="horizontal"
      className="toolbar"
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        const items = itemsOf(ref.current);
        const index = items.indexOf(event.target as HTMLElement);
        if (index >= 0) for (const [i, item] of items.entries()) item.tabIndex = i === index ? 0 : -1;
      }}
    >
      {children}
    </div>
  );
}

/** A visual separator between groups of toolbar controls. */
export function ToolbarSeparator() {
  return <hr className="toolbar__separator" aria-orientation="vertical" />;
}

function itemsOf(root: HTMLElement | null): HTMLElement[] {
  return root ? Array.from(root.querySelectorAll<HTMLElement>(ITEM_SELECTOR)) : [];
}

function focusItem(items: HTMLElement[], index: number) {
  const target = items[index];
  if (!target) return;
  for (const item of items) item.tabIndex = item === target ? 0 : -1;
  target.focus();
}
