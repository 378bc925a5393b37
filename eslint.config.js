import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

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
    // Routes never touch SQL: Kysely stays in repositories, the database layer and migrations.
    files: ['server/src/**/*.routes.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['kysely'] }] },
  },
  {
    files: ['common/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@cerise/server', '@cerise/web', '**/server/**', '**/web/**'] }] },
  },
);
