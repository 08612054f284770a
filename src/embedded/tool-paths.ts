import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The command that installs every server binary the tests and the embedded stack need. */
export const INSTALL_SCRIPT = 'scripts/install-test-servers.sh';

export type ToolName = 'temporal' | 'temporal-test-server' | 'ferretdb-server' | 'mailpit';

/** Walks up from this file to the project's package.json, so paths work from src/ and from dist/. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'order-tracking') return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/**
 * Finds a server binary: an explicit path (from config) first, then the repo's install location
 * (.tools/bin), then PATH. Returns undefined when none exists so callers can choose a fallback.
 */
export function findTool(name: ToolName, explicitPath?: string): string | undefined {
  if (explicitPath) return existsSync(explicitPath) ? resolve(explicitPath) : undefined;
  const local = join(projectRoot(), '.tools', 'bin', name);
  if (existsSync(local)) return local;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** Like findTool, but a missing binary is an error naming the install script (tests never skip). */
export function requireTool(name: ToolName, explicitPath?: string): string {
  const found = findTool(name, explicitPath);
  if (!found) {
    throw new Error(
      `${name} not found${explicitPath ? ` at ${explicitPath}` : ''}. Run \`bash ${INSTALL_SCRIPT}\` ` +
        '(npm test and npm run dev run it for you) to install it into .tools/bin.',
    );
  }
  return found;
}
