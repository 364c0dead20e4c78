import { describeA11y } from './support/a11y-walk';

// Every screen in normal mode, portrait and landscape (see support/a11y-walk.ts).
describeA11y('normal mode', [
  { mode: 'normal', orientation: 'portrait' },
  { mode: 'normal', orientation: 'landscape' },
]);
