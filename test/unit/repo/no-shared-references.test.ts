import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const SCANNED = ['src', 'test', 'scripts', 'activities', 'workflows', 'ml'];
// The team's reference folder beside the repository is not something a user has: only the ETA training and
// evaluation scripts may read data from it, and then from a path the user passes.
const ALLOWED = new Set(['scripts/train-eta.ts', 'scripts/eval-eta.ts', 'scripts/predict-eta.ts', 'scripts/bench-eta.ts']);
// Built from parts so this file does not match itself.
const NAME_PARTS = ['sha', 'red'];
const SHARED = ['..', NAME_PARTS.join('')].join('/');
const NAME = NAME_PARTS.join('');
// The folder as a path, its carriers or data subfolders, and the same path built from segments (join(cwd, '..', NAME)).
const PATTERN = new RegExp(`${SHARED.replace(/\./g, '\\.')}|${NAME}/(carriers|data)|['"]\\.\\.['"],\\s*['"]${NAME}['"]`);

/** Every file under `dir` (repository-relative, forward slashes), skipping dependency and build folders. */
function filesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(join(REPO, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'artifacts' ? [] : filesUnder(path);
    return entry.isFile() ? [path] : [];
  });
}

/** Files outside the allowed ETA scripts that mention the shared folder, with the first offending line. */
function sharedReferences(paths: readonly string[], read: (path: string) => string): string[] {
  return paths.flatMap((path) => {
    if (ALLOWED.has(path)) return [];
    const line = read(path).split('\n').findIndex((text) => PATTERN.test(text));
    return line === -1 ? [] : [`${path}:${line + 1}`];
  });
}

describe('no code or test reads the shared reference folder', () => {
  it(`nothing in ${SCANNED.join(', ')} refers to it outside the ETA scripts`, () => {
    const files = SCANNED.flatMap(filesUnder).filter((path) => /\.(ts|tsx|js|mjs|cjs|json|md|sh|xml|tsv|py)$/.test(path));
    expect(files.length).toBeGreaterThan(100);
    expect(sharedReferences(files, (path) => readFileSync(join(REPO, path), 'utf8'))).toEqual([]);
  });

  it('flags a reference in any scanned file and allows it only in the ETA scripts', () => {
    const bodies: Record<string, string> = {
      'test/unit/x.test.ts': `const dir = '${SHARED}/carriers/ups';`,
      'src/a.ts': `see ${['shared', 'data'].join('/')}/orders.csv`,
      'scripts/train-eta.ts': `const data = '${SHARED}/data';`,
      'src/b.ts': 'const shared = 1;',
      'test/integration/y.test.ts': `const dir = join(process.cwd(), '..', '${NAME}', 'carriers');`,
    };
    expect(sharedReferences(Object.keys(bodies), (path) => bodies[path] ?? '')).toEqual(['test/unit/x.test.ts:1', 'src/a.ts:1', 'test/integration/y.test.ts:1']);
  });
});
