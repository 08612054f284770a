import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

/** Folders the HTTP layer depends on: none of them may import src/api, not even a type. */
const BELOW_API = ['src/services', 'src/db', 'src/carriers', 'src/domain', 'src/notifications', 'activities', 'workflows', 'ml'];

function sourceFiles(folder: string): string[] {
  const dir = join(ROOT, folder);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return []; // a folder not built yet (src/notifications before its room exists)
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(relative(ROOT, path));
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : [];
  });
}

/** Every module a file names: static imports and re-exports (types too) and dynamic imports. */
function importedModules(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]/g), ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return found.map((m) => m[1]!);
}

/** The repository-relative target of a relative import, or undefined for a package. */
function target(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return relative(ROOT, resolve(dirname(file), specifier)).split(sep).join('/');
}

function offenders(folders: string[], forbidden: RegExp): string[] {
  return folders.flatMap((folder) =>
    sourceFiles(folder).flatMap((file) =>
      importedModules(file)
        .filter((specifier) => forbidden.test(target(file, specifier) ?? ''))
        .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
    ),
  );
}

describe('layering in the source files', () => {
  it('finds the imports it looks for (a file of src/api that imports services)', () => {
    expect(offenders(['src/api'], /^src\/services\//).length).toBeGreaterThan(0);
  });

  it('nothing under services, db, carriers, domain, notifications, activities, workflows or ml imports src/api', () => {
    expect(offenders(BELOW_API, /^src\/api\//)).toEqual([]);
  });

  it('src/db imports nothing from activities/ and src/api nothing from src/db', () => {
    expect(offenders(['src/db'], /^activities\//)).toEqual([]);
    expect(offenders(['src/api'], /^src\/db\//)).toEqual([]);
  });
});

describe('ESLint import rules per folder', () => {
  const eslint = new ESLint({ cwd: ROOT });
  const restricted = async (file: string, code: string) => {
    const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, { filePath: join(ROOT, file) });
    return result!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
  };

  it.each([
    ['src/services/x.ts', "import { x } from '../api/errors.js';"],
    ['src/services/queries/x.ts', "import type { x } from '../../api/app-env.js';"],
    ['src/db/orders/x.ts', "import type { x } from '../../../activities/activity-types.js';"],
    ['src/db/x.ts', "import { x } from '../api/errors.js';"],
    ['src/carriers/ups/x.ts', "import { x } from '../../db/orders/repository.js';"],
    ['src/domain/x.ts', "import type { x } from '../api/app-env.js';"],
    ['src/notifications/email/x.ts', "import type { x } from '../../api/app-env.js';"],
    ['activities/x.ts', "import { x } from '../src/api/create-app.js';"],
    ['workflows/x.ts', "import type { x } from '../src/api/app-env.js';"],
    ['ml/x.ts', "import { x } from '../src/api/errors.js';"],
    ['src/api/routes/orders/x.ts', "import { x } from '../../../db/orders/repository.js';"],
    ['src/api/routes/orders/x.ts', "import type { x } from '../../../db/orders/order-record.js';"],
    ['src/web/x.ts', "import { x } from '../db/orders/repository.js';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await restricted(file, code)).toHaveLength(1);
  });

  it.each([
    ['src/services/x.ts', "import { x } from '../db/orders/repository.js';"],
    ['src/api/routes/orders/x.ts', "import { x } from '../../../services/services.js';"],
    ['src/notifications/x.ts', "import type { x } from '../db/orders/order-record.js';"],
    ['src/web/x.ts', "import type { x } from '../api/app-env.js';"],
    ['workflows/x.ts', "import type { x } from '../activities/activity-types.js';"],
  ])('%s may: %s', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });
});
