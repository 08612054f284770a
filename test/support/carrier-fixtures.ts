import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Carrier payloads live in the repository (test/fixtures/carriers/<carrier>/); SOURCES.md there says where
// each one comes from and under which licence. A missing file is a broken checkout: tests fail, never skip.
const CARRIER_FIXTURES = fileURLToPath(new URL('../fixtures/carriers/', import.meta.url));

/** Absolute path of `test/fixtures/carriers/<path>`, e.g. `carrierFixturePath('dhl')`. */
export function carrierFixturePath(path: string): string {
  return CARRIER_FIXTURES + path;
}

function missing(path: string): Error {
  return new Error(`missing carrier fixture ${path} (see test/fixtures/carriers/SOURCES.md)`);
}

/** The exact bytes of `test/fixtures/carriers/<path>`, e.g. `readCarrierFixture('aftership/webhook_signature_vectors.json')`. */
export function readCarrierFixture(path: string): Buffer {
  const absolute = carrierFixturePath(path);
  if (!existsSync(absolute)) throw missing(absolute);
  return readFileSync(absolute);
}

/** `test/fixtures/carriers/<path>` as UTF-8 text. */
export function readCarrierFixtureText(path: string): string {
  return readCarrierFixture(path).toString('utf8');
}

/** The payload file names in `test/fixtures/carriers/<dir>` (licence and notes files left out). */
export function listCarrierFixtures(dir: string): string[] {
  const absolute = carrierFixturePath(dir);
  if (!existsSync(absolute)) throw missing(absolute);
  return readdirSync(absolute, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(json|xml|tsv)$/.test(entry.name))
    .map((entry) => entry.name);
}
