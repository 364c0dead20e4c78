import { describeA11y } from './support/a11y-walk';

// Every screen in elderly mode (长辈模式), portrait and landscape (see support/a11y-walk.ts).
describeA11y('elderly mode', [
  { mode: 'elderly', orientation: 'portrait' },
  { mode: 'elderly', orientation: 'landscape' },
]);
