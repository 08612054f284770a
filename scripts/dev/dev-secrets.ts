import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DevSecrets {
  storefrontApiKey: string;
  adminApiKey: string;
}

/**
 * Random API keys for the local dev stack, generated once and kept under .data/ (git-ignored), so no
 * secret is ever committed and restarts keep working links.
 */
export function loadDevSecrets(dataDir: string): DevSecrets {
  const file = join(dataDir, 'dev-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: DevSecrets = {
    storefrontApiKey: `sk_dev_${randomBytes(16).toString('hex')}`,
    adminApiKey: `ak_dev_${randomBytes(16).toString('hex')}`,
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
