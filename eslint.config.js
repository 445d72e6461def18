// ESLint for the whole repository: `npm run lint` (zero warnings; part of `npm run check`).
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import pluginQuery from '@tanstack/eslint-plugin-query';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Every folder under client/src/features is a feature; read at lint time so a new feature is covered without editing this.
const FEATURES = readdirSync(new URL('./client/src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

// A feature's index.ts is its public surface; the rest are internals that other features must not reach into, so a
// feature can reorganise its files without breaking another. The router and the shell compose pages, the others share.
const featureBoundary = (feature) => ({
  files: [`client/src/features/${feature}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['../*'],
            message:
              'Import with the @/ alias; outside the feature, only through another feature\u2019s index (@/features/<name>).',
          },
          {
            group: ['@/features/*/**', `!@/features/${feature}/**`],
            message: 'Import another feature only through its public index: @/features/<name>, not a file inside it.',
          },
        ],
      },
    ],
  },
});

export default defineConfig(
  {
    ignores: ['**/node_modules/', '**/dist/', 'coverage/', '.data/', '.tmp/', 'tests/e2e/screenshots/'],
  },
  {
    // Fail on `eslint-disable` comments that no longer suppress anything, so disables never outlive their reason.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      // TypeScript already reports undefined names, with the types' knowledge of globals (typescript-eslint's advice).
      'no-undef': 'off',
      // `_`-prefixed names are deliberately unused: a callback's positional parameter, a rest sibling that drops a key.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Type-only imports are erased at build time; marking them keeps runtime imports (and import cycles) honest.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  pluginQuery.configs['flat/recommended'].map((config) => ({ ...config, files: ['client/src/**/*.{ts,tsx}'] })),
  {
    files: ['client/src/**/*.{ts,tsx}'],
    rules: {
      // The query plugin ships this one as a warning; under the zero-warnings policy it is an error like the rest.
      '@tanstack/query/no-rest-destructuring': 'error',
    },
  },
  {
    // Lower layers never depend on features: features use layers, map and ui, and only the router composes features.
    files: ['client/src/{a11y,api,i18n,layers,map,state,styles,ui}/**/*.{ts,tsx}', 'client/src/main.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../*'], message: 'Import with the @/ alias.' },
            { group: ['@/features', '@/features/**'], message: 'Only features and the router import features.' },
          ],
        },
      ],
    },
  },
  ...FEATURES.map(featureBoundary),
  {
    // Contracts are shared with the client through @contracts: they must not pull in server code.
    files: ['server/src/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*'], message: 'Contracts import only zod and other contracts (the client bundles them).' }] },
      ],
    },
  },
);
