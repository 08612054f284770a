/**
 * Runs before `vitest` in `npm test`: installs the Temporal and MongoDB-wire server binaries when any is
 * missing (first run on a fresh machine), so `npm test` alone is enough, and rebuilds one whose source
 * changed (the install script's stamps make that check free). Fails loudly if a missing one cannot be
 * installed.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { findTool, INSTALL_SCRIPT, projectRoot } from '../src/embedded/tool-paths.js';

const needed = ['temporal', 'temporal-test-server', 'ferretdb-server', 'mailpit'] as const;
const missing = needed.filter((tool) => !findTool(tool));
if (missing.length > 0) console.log(`[test] missing ${missing.join(', ')}; running ${INSTALL_SCRIPT}…`);
// With every binary present, a tool that cannot be rebuilt (no Go here) keeps its installed version.
const args = missing.length > 0 ? [] : ['--optional'];
const result = spawnSync('bash', [join(projectRoot(), INSTALL_SCRIPT), ...args], { stdio: 'inherit' });
if (result.status !== 0) {
  console.error(`[test] ${INSTALL_SCRIPT} failed; the integration tests need these servers.`);
  process.exit(result.status ?? 1);
}
