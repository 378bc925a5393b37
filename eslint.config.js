import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * Layering: Kysely query-builder calls live in repositories (`*.repository.ts`) and the database
 * layer only. Use cases call repositories; routes call use cases (docs/adding-a-module.md).
 */
const QUERY_BUILDER = 'selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|transaction|with|withRecursive';
const layeringMessage = 'Query-builder calls belong in a *.repository.ts (or server/src/db/); use cases call repositories, routes call use cases.';
export const layeringRule = [
  'error',
  { selector: `CallExpression[callee.property.name=/^(${QUERY_BUILDER})$/]`, message: layeringMessage },
  { selector: 'TaggedTemplateExpression[tag.name="sql"]', message: layeringMessage },
  { selector: 'CallExpression[callee.object.name="sql"]', message: layeringMessage },
  { selector: 'MemberExpression[property.name="schema"][object.property.name="db"]', message: layeringMessage },
  { selector: 'MemberExpression[property.name="schema"][object.name="db"]', message: layeringMessage },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'var/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Routes call use cases only: no Kysely, no repository (docs/adding-a-module.md).
    files: ['server/src/**/*.routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['kysely'],
          patterns: [{ group: ['**/*.repository.ts', '**/*.repository'], message: 'Routes call use cases; repositories are called by use cases.' }],
        },
      ],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    ignores: [
      'server/src/db/**',
      'server/src/**/*.repository.ts',
      'server/src/**/*.test.ts',
      'server/src/**/*.test-support.ts',
      'server/src/**/*.fixtures.ts',
      'server/src/**/*.demo.ts',
      'server/src/modules/demo/**',
      'server/src/modules/backup/**', // engine-neutral dump and restore of every table
    ],
    rules: { 'no-restricted-syntax': layeringRule },
  },
  {
    files: ['common/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@cerise/server', '@cerise/web', '**/server/**', '**/web/**'] }] },
  },
);
