/** Inline SVG icons (no external images). Decorative: words always sit beside them. */

export function ReaderIcon() {
  return (
    <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
      <rect x="3" y="10" width="18" height="10" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
      <rect x="6" y="4" width="12" height="7" rx="1.5" fill="none" stroke="currentColor" strokeWidth="2" />
    </svg>
  );
}

export function WarningIcon() {
  return (
    <svg viewBox="0 0 24 24" width="36" height="36" aria-hidden="true" focusable="false">
      <path d="M12 3 L22 20 H2 Z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      <path d="M12 9 V14" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
      <circle cx="12" cy="17" r="1.4" fill="currentColor" />
    </svg>
  );
}

export function StopIcon() {
  return (
    <svg viewBox="0 0 64 64" width="120" height="120" aria-hidden="true" focusable="false">
      <circle cx="32" cy="32" r="29" fill="currentColor" opacity="0.12" />
      <circle cx="32" cy="32" r="22" fill="none" stroke="currentColor" strokeWidth="4" />
      <path d="M32 20 V36" stroke="currentColor" strokeWidth="5" strokeLinecap="round" />
      <circle cx="32" cy="44" r="3" fill="currentColor" />
    </svg>
  );
}

export function InvoiceIcon() {
  return (
    <svg viewBox="0 0 48 48" width="72" height="72" aria-hidden="true" focusable="false">
      <path d="M10 4 H38 V44 L33 40 L28 44 L24 40 L20 44 L15 40 L10 44 Z" fill="none" stroke="currentColor" strokeWidth="3" strokeLinejoin="round" />
      <path d="M17 14 H31 M17 21 H31 M17 28 H26" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}

export function IssueIcon() {
  return (
    <svg viewBox="0 0 48 48" width="72" height="72" aria-hidden="true" focusable="false">
      <path d="M8 4 H32 V20 M32 34 V44 H8 Z" fill="none" stroke="currentColor" strokeWidth="3" strokeLinejoin="round" />
      <path d="M14 13 H26 M14 20 H24 M14 27 H20" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
      <path d="M40 16 L26 34 L22 36 L23 32 L37 14 Z" fill="none" stroke="currentColor" strokeWidth="3" strokeLinejoin="round" />
    </svg>
  );
}

/** 纳税信用: a shield with a tick. */
export function CreditIcon() {
  return (
    <svg
      viewBox="0 0 48 48"
      width="72"
      height="72"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="3"
      strokeLinejoin="round"
    >
      <path d="M24 5 L40 11 V23 C40 33 33 40 24 43 C15 40 8 33 8 23 V11 Z" />
      <path d="M16 24 L22 30 L33 18" strokeLinecap="round" />
    </svg>
  );
}

export function PrintIcon() {
  return (
    <svg viewBox="0 0 48 48" width="72" height="72" aria-hidden="true" focusable="false">
      <path d="M14 18 V5 H34 V18" fill="none" stroke="currentColor" strokeWidth="3" strokeLinejoin="round" />
      <rect x="5" y="18" width="38" height="17" rx="3" fill="none" stroke="currentColor" strokeWidth="3" />
      <path d="M14 29 H34 V43 H14 Z" fill="none" stroke="currentColor" strokeWidth="3" strokeLinejoin="round" />
      <path d="M19 35 H29 M19 39 H26" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}

export function ExitIcon() {
  return (
    <svg viewBox="0 0 24 24" width="36" height="36" aria-hidden="true" focusable="false">
      <path d="M14 4 H5 V20 H14" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinejoin="round" />
      <path d="M10 12 H21 M17 8 L21 12 L17 16" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function EmblemIcon() {
  return (
    <svg viewBox="0 0 40 40" width="44" height="44" aria-hidden="true" focusable="false">
      <circle cx="20" cy="20" r="18" fill="none" stroke="currentColor" strokeWidth="2.5" />
      <path d="M11 15 H29 M20 15 V31 M13 23 H27" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
      <path d="M14 9 L20 6 L26 9" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function PrinterIcon() {
  return (
    <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
      <path d="M7 9 V3 H17 V9" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      <rect x="3" y="9" width="18" height="8" rx="1.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M7 14 H17 V21 H7 Z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
    </svg>
  );
}

export function MoreBelowIcon() {
  return (
    <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
      <path d="M5 7 L12 14 L19 7 M5 12 L12 19 L19 12" fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
