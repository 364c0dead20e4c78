/** The attract illustration: an ID card coming down onto the reader's pad (`takeAway`: the arrow points up, off the pad). */
export function CardOnReader({ label, takeAway = false }: { label: string; takeAway?: boolean }) {
  return (
    <svg className="card-on-reader" viewBox="0 0 420 360" role="img" aria-label={label}>
      {/* reader body */}
      <rect x="40" y="230" width="340" height="96" rx="22" fill="var(--color-reader-body)" />
      <rect x="40" y="230" width="340" height="24" rx="12" fill="var(--color-reader-top)" />
      <rect x="96" y="240" width="228" height="10" rx="5" fill="var(--color-reader-pad)" className="reader-glow" />
      <circle cx="350" cy="292" r="8" fill="var(--color-reader-led)" />
      <rect x="70" y="284" width="120" height="12" rx="6" fill="var(--color-reader-top)" />
      {/* card, tilted, moving down */}
      <g className="card-float">
        <g transform="rotate(-4 210 140)">
          <rect x="80" y="60" width="260" height="160" rx="16" fill="var(--color-card-face)" stroke="var(--color-card-edge)" strokeWidth="3" />
          <rect x="80" y="60" width="260" height="36" rx="16" fill="var(--color-card-band)" />
          <rect x="80" y="80" width="260" height="16" fill="var(--color-card-band)" />
          <circle cx="140" cy="142" r="22" fill="var(--color-card-photo)" />
          <path d="M108 196 C110 170 170 170 172 196 Z" fill="var(--color-card-photo)" />
          <rect x="190" y="118" width="120" height="10" rx="5" fill="var(--color-card-line)" />
          <rect x="190" y="140" width="96" height="10" rx="5" fill="var(--color-card-line)" />
          <rect x="190" y="162" width="110" height="10" rx="5" fill="var(--color-card-line)" />
          <rect x="190" y="184" width="70" height="10" rx="5" fill="var(--color-card-line)" />
        </g>
      </g>
      {/* arrow towards the pad, or away from it when the card is to be taken */}
      <path
        data-testid="card-arrow"
        data-direction={takeAway ? 'up' : 'down'}
        d={takeAway ? 'M392 198 V122 M378 136 L392 120 L406 136' : 'M392 120 V196 M378 182 L392 198 L406 182'}
        fill="none"
        stroke="var(--color-accent)"
        strokeWidth="8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
