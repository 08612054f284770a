import { loadConfig, type AppConfig } from '../../src/config/load-config.js';

export const STOREFRONT_KEY = 'sk_test_storefront_key_0123456789';
export const ADMIN_KEY = 'ak_test_admin_key_0123456789';
/** Test-only link keys (kid:secret): tracking links, and the storefront's "My Orders" tokens. */
export const TRACKING_LINK_KEYS = 't1:test-tracking-link-secret-0123456789abcdef';
export const STOREFRONT_LINK_KEYS = 's1:test-storefront-link-secret-0123456789abcdef';

/** Configuration for a test: real servers' addresses plus fixed test keys. */
export function testConfig(env: Record<string, string | undefined>): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    STOREFRONT_API_KEYS: STOREFRONT_KEY,
    ADMIN_API_KEYS: ADMIN_KEY,
    TRACKING_LINK_KEYS,
    STOREFRONT_LINK_KEYS,
    PUBLIC_BASE_URL: 'http://tracking.test',
    // The shop's address for carriers that create shipments (the simulator does).
    SHIP_FROM_NAME: 'Test Shop',
    SHIP_FROM_LINE1: '10 Dock Rd',
    SHIP_FROM_CITY: 'Portland',
    SHIP_FROM_POSTAL_CODE: '97209',
    SHIP_FROM_COUNTRY: 'US',
    // The documented prior, whatever model a developer trained into ml/artifacts; tests that want one pass a directory.
    ETA_MODEL_DIR: '',
    ...env,
  });
}
