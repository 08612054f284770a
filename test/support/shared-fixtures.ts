import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Carrier reference material lives beside the repo (CI checks shared/ out next to it; the licences vary, so the
// files are not copied in). A missing file is a broken checkout: tests fail loudly instead of skipping.
const SHARED_CARRIERS = fileURLToPath(new URL('../../../shared/carriers/', import.meta.url));

/** Absolute path of `<repo>/../shared/carriers/<path>`, e.g. `sharedFixturePath('dhl')`. */
export function sharedFixturePath(path: string): string {
  return SHARED_CARRIERS + path;
}

function missing(path: string): Error {
  return new Error(`missing carrier fixture ${path} (check out shared/ beside the repo: ../shared/carriers)`);
}

/** The exact bytes of `<repo>/../shared/carriers/<path>`, e.g. `readSharedFixture('aftership/vectors.json')`. */
export function readSharedFixture(path: string): Buffer {
  const absolute = sharedFixturePath(path);
  if (!existsSync(absolute)) throw missing(absolute);
  return readFileSync(absolute);
}

/** The file names in `<repo>/../shared/carriers/<dir>`. */
export function listSharedFixtures(dir: string): string[] {
  const absolute = sharedFixturePath(dir);
  if (!existsSync(absolute)) throw missing(absolute);
  return readdirSync(absolute);
}
