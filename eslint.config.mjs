// Lint rules for the whole codebase (npm run lint, part of npm test).
// typescript-eslint's recommended set without type information (fast on a
// 2-core CI machine; tsc --strict already does the type checks), React's hook
// rules for the renderer, and a line limit Prettier cannot enforce by itself
// (long strings and comments). Layering is checked separately
// (.dependency-cruiser.cjs, docs/architecture.md).
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'test/mutation/incremental/**', 'test/mutation/reports/**', '.stryker-tmp/**', 'renderer/public/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'max-len': ['error', { code: 160, ignoreUrls: true, ignoreRegExpLiterals: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always'],
      // Device frames, receipts and bundle texts are sanitised by matching control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    // The rules of hooks, and complete effect dependencies. The React Compiler's extra rules
    // (purity, refs, set-state-in-effect) are for code the compiler rewrites; ours is not compiled.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
