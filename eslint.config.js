import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const typeOnly = { allowTypeImports: true };

/**
 * Import rules between folders (docs: the layout in the README). A pattern matches the import string;
 * relative imports climb with `../`, so `^(\.\./)+(src/)?api/` is src/api from any depth of src/ and
 * from top-level folders (activities/, workflows/, ml/).
 */
const layer = (name) => `^(\\.\\./)+(src/)?${name}/`;
const forbid = (name, message, options = {}) => ({ regex: layer(name), message, ...options });

const noApi = forbid('api', 'The HTTP layer depends on this folder, never the other way: move what both need out of src/api.');
const noActivities = forbid('activities', 'Activities depend on the read model, not the other way: move shared types to src/db or src/domain.');
const noDb = (options) => forbid('db', 'Handlers and pages call services (src/services), never repositories.', options);
const noServices = forbid('services', 'Use-cases call this folder, not the other way.');
const noWorkflowValues = forbid('workflows', 'Only services and activities talk to workflows; import types only.', typeOnly);
const noTemporal = { regex: '^@temporalio/', message: 'Temporal is reached through services, activities and src/temporal only.' };

/** Per folder, every restricted pattern (one config each: a later config's rule would replace an earlier one's). */
const importRules = {
  // A type import matching a type-allowing pattern is not checked against the others, so those patterns
  // leave src/api out (noApi then refuses it, types included).
  'src/domain/**': [{ regex: `^(?!\\./)(?!${layer('api').slice(1)})`, ...typeOnly, message: 'src/domain is pure: it imports only other domain files.' }, noApi],
  'workflows/**': [
    {
      regex: `^(?!@temporalio/(workflow|common)$|\\.\\./src/domain/|\\./|${layer('api').slice(1)}).*`,
      ...typeOnly,
      message: 'Workflows import values only from @temporalio/workflow, src/domain and each other.',
    },
    noApi,
  ],
  'src/db/**': [noApi, noActivities, noServices, forbid('workflows', 'The read model knows no workflows.'), noTemporal],
  'src/services/**': [noApi, forbid('web', 'Pages call services, not the other way.')],
  'src/carriers/**': [noApi, noDb(), noServices, forbid('activities', 'Carriers are called by activities, not the other way.'), forbid('workflows', 'Carriers know no workflows.'), noTemporal],
  'src/notifications/**': [noApi, noServices, noDb(typeOnly), forbid('activities', 'Channels are called by activities, not the other way.'), noWorkflowValues, noTemporal],
  'src/api/**': [noDb(), forbid('activities', 'The API reaches activities through workflows, via services.'), noWorkflowValues, noTemporal],
  'src/web/**': [noDb(typeOnly), forbid('activities', 'Pages call services.'), noWorkflowValues, noTemporal],
  'activities/**': [noApi, forbid('web', 'Activities never render pages.')],
  'ml/**': [noApi, forbid('web', 'The model never renders pages.')],
};

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
  ...Object.entries(importRules).map(([folder, patterns]) => ({
    files: [folder],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
  })),
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'Date', message: 'Domain code takes time as a parameter.' }],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Domain code is deterministic.' },
        { object: 'process', property: 'env', message: 'Only src/config reads process.env.' },
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
