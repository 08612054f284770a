import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The project's version from its package.json, the one place it is written: found by walking up from this
 * file, so it works from src/ (tsx, tests) and from dist/ (the image copies package.json beside dist/).
 */
export function packageVersion(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === 'order-tracking' && parsed.version) return (cached = parsed.version);
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json of order-tracking not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}
