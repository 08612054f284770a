import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DevSecrets {
  storefrontApiKey: string;
  adminApiKey: string;
  carrierSimApiKey: string;
  carrierSimWebhookSecret: string;
  /** Signs the customers' tracking links (TRACKING_LINK_KEYS) and "My Orders" tokens (STOREFRONT_LINK_KEYS). */
  trackingLinkSecret: string;
  storefrontLinkSecret: string;
  /** The dev admin's password (ADMIN_BOOTSTRAP_USER creates the user while there is none). */
  devAdminPassword: string;
}

/** The dev admin's e-mail, printed with its password by `npm run dev`. */
export const DEV_ADMIN_EMAIL = 'admin@demo-shop.example';

/**
 * Random API keys for the local dev stack, generated once and kept under .data/ (git-ignored), so no
 * secret is ever committed and restarts keep working links.
 */
export function loadDevSecrets(dataDir: string): DevSecrets {
  const file = join(dataDir, 'dev-secrets.json');
  const fresh: DevSecrets = {
    storefrontApiKey: `sk_dev_${randomBytes(16).toString('hex')}`,
    adminApiKey: `ak_dev_${randomBytes(16).toString('hex')}`,
    carrierSimApiKey: `sim_dev_${randomBytes(16).toString('hex')}`,
    carrierSimWebhookSecret: `whsec_dev_${randomBytes(16).toString('hex')}`,
    trackingLinkSecret: randomBytes(32).toString('base64url'),
    storefrontLinkSecret: randomBytes(32).toString('base64url'),
    devAdminPassword: randomBytes(18).toString('base64url'),
  };
  // Keys added in later versions are filled in without changing the ones a developer already uses.
  const secrets: DevSecrets = existsSync(file) ? { ...fresh, ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<DevSecrets>) } : fresh;
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
