import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DOMAIN = fileURLToPath(new URL('../../../src/domain/', import.meta.url));

/** Relative specifiers of a file's `import … from` and `export … from` (type-only ones too: a cycle of types still tangles the files). */
function relativeImports(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"](\.[^'"]+)['"]/g)) found.push(match[1]!);
  for (const match of source.matchAll(/(?:^|\n)\s*import\s*['"](\.[^'"]+)['"]/g)) found.push(match[1]!);
  return found;
}

/** The domain's import graph: file name → the domain files it imports (`.js` specifiers name `.ts` files). */
function domainGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of readdirSync(DOMAIN).filter((f) => f.endsWith('.ts'))) {
    const targets = relativeImports(readFileSync(join(DOMAIN, file), 'utf8')).map((spec) => posix.normalize(spec).replace(/\.js$/, '.ts'));
    graph.set(file, targets);
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the path that closes it (`a → b → a`). */
function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('src/domain imports', () => {
  it('form no cycle', () => {
    const cycles = findCycles(domainGraph()).map((c) => c.join(' → '));
    expect(cycles).toEqual([]);
  });

  it('stay inside src/domain (relative paths that do not leave the folder)', () => {
    const outside = [...domainGraph()].flatMap(([file, targets]) => targets.filter((t) => t.startsWith('..') || t.includes('/')).map((t) => `${file} → ${t}`));
    expect(outside).toEqual([]);
  });

  it('are read the way the cycle check needs (type imports, re-exports, multi-line imports)', () => {
    const source = "import type { A } from './a.js';\nimport {\n  b,\n  c,\n} from './b.js';\nexport * from './c.js';\nimport x from 'zod';\n";
    expect(relativeImports(source)).toEqual(['./a.js', './b.js', './c.js']);
    expect(findCycles(new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']]]))).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });
});
