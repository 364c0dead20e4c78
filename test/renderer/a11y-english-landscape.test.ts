import { describeA11y } from './support/a11y-walk';

// Every screen in English, both modes, landscape (1920×1080): longer words in the shorter height (see support/a11y-walk.ts).
describeA11y('English, landscape', [
  { mode: 'normal', orientation: 'landscape', lang: 'en' },
  { mode: 'elderly', orientation: 'landscape', lang: 'en' },
]);
