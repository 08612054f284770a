import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const typeOnly = { allowTypeImports: true };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', '.tools/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only src/config (and entry points) read process.env.' },
      ],
    },
  },
  {
    // Entry points hand process.env to loadConfig; tests and scripts build their own environments.
    // src/embedded finds local server binaries (PATH, MONGOMS_SYSTEM_BINARY) for the dev stack and tests.
    files: ['src/config/**', 'src/bin/**', 'src/embedded/**', 'scripts/**', 'test/**', 'vitest.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['src/domain/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!\\./)', ...typeOnly, message: 'src/domain is pure: it imports only other domain files.' }] },
      ],
      'no-restricted-globals': ['error', { name: 'Date', message: 'Domain code takes time as a parameter.' }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Domain code is deterministic.' },
        { object: 'process', property: 'env', message: 'Only src/config reads process.env.' },
      ],
    },
  },
  {
    files: ['workflows/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!@temporalio/(workflow|common)$|\\.\\./src/domain/|\\./).*',
              ...typeOnly,
              message: 'Workflows import values only from @temporalio/workflow, src/domain and each other.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**', 'activities/**', 'workflows/**', 'ml/**', 'scripts/**'],
    ignores: ['src/db/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'mongoose', message: 'Only src/db imports mongoose.' }] }],
    },
  },
);
