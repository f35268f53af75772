import type { ReactNode, SVGProps } from "react";

// Inline SVG icons (no icon font, no external host). Decorative: the control carries the label.
type IconProps = SVGProps<SVGSVGElement>;

function Svg({ children, ...props }: IconProps & { children: ReactNode }) {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      {children}
    </svg>
  );
}

export const BoldIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M7 5h6a3.5 3.5 0 0 1 0 7H7zM7 12h7a3.5 3.5 0 0 1 0 7H7z" />
  </Svg>
);
export const ItalicIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M15 5h-5M14 19H9M14 5l-4 14" />
  </Svg>
);
export const UnderlineIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M7 4v7a5 5 0 0 0 10 0V4M5 20h14" />
  </Svg>
);
export const StrikeIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M4 12h16M16 6.5A4 4 0 0 0 12.5 5h-1a3.5 3.5 0 0 0-1.3 6.7M8 17.5A4 4 0 0 0 11.5 19h1a3.5 3.5 0 0 0 3.4-4.3" />
  </Svg>
);
export const BulletListIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M9 6h11M9 12h11M9 18h11" />
    <circle cx="4.5" cy="6" r="1" fill="currentColor" />
    <circle cx="4.5" cy="12" r="1" fill="currentColor" />
    <circle cx="4.5" cy="18" r="1" fill="currentColor" />
  </Svg>
);
export const OrderedListIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M10 6h10M10 12h10M10 18h10M4 5l1.5-1v5M3.5 14.5a1.5 1.5 0 1 1 2.5 1.1L3.5 18H6.5" />
  </Svg>
);
export const TaskListIcon = (props: IconProps) => (
  <Svg {...props}>
    <rect x="3" y="4" width="6" height="6" rx="1.5" />
    <path d="m4.5 7 1.2 1.2L8 5.8M13 7h8M13 17h8" />
    <rect x="3" y="14" width="6" height="6" rx="1.5" />
  </Svg>
);
export const LinkIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
  </Svg>
);
export const QuoteIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M9 7H6a2 2 0 0 0-2 2v3h5V7zM9 12c0 3-1.5 5-4 5.5M20 7h-3a2 2 0 0 0-2 2v3h5V7zM20 12c0 3-1.5 5-4 5.5" />
  </Svg>
);
export const TableIcon = (props: IconProps) => (
  <Svg {...props}>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <path d="M3 10h18M3 15h18M9 4v16M15 4v16" />
  </Svg>
);
export const RowAddIcon = (props: IconProps) => (
  <Svg {...props}>
    <rect x="3" y="4" width="18" height="8" rx="2" />
    <path d="M12 15v6M9 18h6" />
  </Svg>
);
export const RowRemoveIcon = (props: IconProps) => (
  <Svg {...props}>
    <rect x="3" y="4" width="18" height="8" rx="2" />
    <path d="M9 18h6" />
  </Svg>
);
export const ColumnAddIcon = (props: IconProps) => (
  <Svg {...props}>
    <rect x="4" y="3" width="8" height="18" rx="2" />
    <path d="M15 12h6M18 9v6" />
  </Svg>
);
export const ColumnRemoveIcon = (props: IconProps) => (
  <Svg {...props}>
    <rect x="4" y="3" width="8" height="18" rx="2" />
    <path d="M15 12h6" />
  </Svg>
);
export const TableRemoveIcon = (props: IconProps) => (
  <Svg {...props}>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <path d="m9 9 6 6M15 9l-6 6" />
  </Svg>
);
export const UndoIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
  </Svg>
);
export const RedoIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="m15 14 5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
  </Svg>
);
export const ParagraphIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M13 4v16M17 4v16M19 4H9.5a4.5 4.5 0 0 0 0 9H13" />
  </Svg>
);
export const GlobeIcon = (props: IconProps) => (
  <Svg {...props}>
    <circle cx="12" cy="12" r="9" />
    <path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18" />
  </Svg>
);
export const CheckIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="m5 12.5 4.5 4.5L19 7.5" />
  </Svg>
);
export const CloudIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M7 18a4.5 4.5 0 0 1-.6-9A6 6 0 0 1 18 9.5a4 4 0 0 1-.5 8.5z" />
  </Svg>
);
export const SyncIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M20 11a8 8 0 0 0-14.5-4.5M4 5v4h4M4 13a8 8 0 0 0 14.5 4.5M20 19v-4h-4" />
  </Svg>
);
export const OfflineIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M3 3l18 18M8.5 8.7A4.5 4.5 0 0 0 7 18h10M13 6.1A6 6 0 0 1 18 9.5a4 4 0 0 1 2.3 7" />
  </Svg>
);
export const AlertIcon = (props: IconProps) => (
  <Svg {...props}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7.5v5.5M12 16.5v.01" />
  </Svg>
);
export const PlusIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M12 5v14M5 12h14" />
  </Svg>
);
export const ArrowLeftIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M19 12H5M11 18l-6-6 6-6" />
  </Svg>
);
export const DocumentIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
    <path d="M14 3v5h5M9 13h6M9 17h4" />
  </Svg>
);
export const CloseIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M6 6l12 12M18 6 6 18" />
  </Svg>
);
export const HeadingIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M6 5v14M18 5v14M6 12h12" />
  </Svg>
);
export const LockIcon = (props: IconProps) => (
  <Svg {...props}>
    <rect x="5" y="11" width="14" height="9" rx="2" />
    <path d="M8 11V8a4 4 0 0 1 8 0v3" />
  </Svg>
);
export const CopyIcon = (props: IconProps) => (
  <Svg {...props}>
    <rect x="9" y="9" width="11" height="11" rx="2" />
    <path d="M5 15V5a2 2 0 0 1 2-2h8" />
  </Svg>
);
export const UsersIcon = (props: IconProps) => (
  <Svg {...props}>
    <circle cx="9" cy="8" r="3.5" />
    <path d="M2.5 20a6.5 6.5 0 0 1 13 0M16 4.5a3.5 3.5 0 0 1 0 7M18.5 14.5A6.5 6.5 0 0 1 21.5 20" />
  </Svg>
);
export const LinkOffIcon = (props: IconProps) => (
  <Svg {...props}>
    <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1M3 3l18 18" />
  </Svg>
);

/** Mutual's mark: two strokes meeting in the middle (drawn, so the brand needs no text node). */
export const LogoMark = (props: IconProps) => (
  <Svg width="20" height="20" strokeWidth="2.5" {...props}>
    <path d="M4 19V6l8 8 8-8v13" />
  </Svg>
);
