import { describeA11y } from './support/a11y-walk';

// Every screen in English (longer words than Chinese), both modes, portrait (see support/a11y-walk.ts).
describeA11y('English', [
  { mode: 'normal', orientation: 'portrait', lang: 'en' },
  { mode: 'elderly', orientation: 'portrait', lang: 'en' },
]);
