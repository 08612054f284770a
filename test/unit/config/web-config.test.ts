import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, requireServiceConfig } from '../../../src/config/load-config.js';
import { webConfigSchema } from '../../../src/web/web-config.js';

const K2 = 'k2:second-secret-0123456789abcdefghijklmnop';
const K1 = 'k1:first-secret-0123456789abcdefghijklmnopq';
const S1 = 's1:storefront-secret-0123456789abcdefghijkl';

describe('customer pages configuration', () => {
  it('parses rotation lists, lifetime, legacy cut-off, frame ancestors and proxy trust into what the pages accept', () => {
    const config = loadConfig({
      TRACKING_LINK_KEYS: `${K2}, ${K1}`,
      STOREFRONT_LINK_KEYS: S1,
      TRACKING_LINK_TTL: '7d',
      LEGACY_TRACKING_LINKS_UNTIL: '2027-01-15',
      EMBED_FRAME_ANCESTORS: 'https://shop.example.com https://www.shop.example.com',
      TRUST_PROXY: 'true',
      PUBLIC_BASE_URL: 'https://track.example.com/',
    });
    expect(config.web).toMatchObject({
      publicBaseUrl: 'https://track.example.com',
      linkKeys: [{ id: 'k2' }, { id: 'k1' }],
      customerKeys: [{ id: 's1' }],
      trackingLinkTtlMs: 7 * 86_400_000,
      legacyTokensUntil: Date.parse('2027-01-15'),
      embedFrameAncestors: ['https://shop.example.com', 'https://www.shop.example.com'],
      livePollMs: 500,
      trustProxy: true,
    });
    expect(webConfigSchema.parse(config.web).linkKeys[0]!.secret).toBe(K2.slice(3));
  });

  it('has no pages without link keys, and the API refuses to start so', () => {
    const config = loadConfig({ TEMPORAL_ADDRESS: 'x:1', MONGODB_URI: 'mongodb://x', STOREFRONT_API_KEYS: 'k' });
    expect(config.web).toBeUndefined();
    expect(() => requireServiceConfig(config, { trackingLinks: true })).toThrow(/TRACKING_LINK_KEYS/);
  });

  it('refuses short secrets, bad key ids and tracking keys without storefront keys, never echoing a secret', () => {
    const short = () => loadConfig({ TRACKING_LINK_KEYS: 'k1:tooshort', STOREFRONT_LINK_KEYS: S1 });
    expect(short).toThrow(ConfigError);
    expect(short).toThrow(/TRACKING_LINK_KEYS/);
    try {
      short();
    } catch (err) {
      expect(String(err)).not.toContain('tooshort');
    }
    expect(() => loadConfig({ TRACKING_LINK_KEYS: `bad id!:${'x'.repeat(40)}`, STOREFRONT_LINK_KEYS: S1 })).toThrow(/TRACKING_LINK_KEYS/);
    // A process that only signs links (a worker's e-mails) needs no storefront keys; the API does.
    const signOnly = loadConfig({ TRACKING_LINK_KEYS: K1, TEMPORAL_ADDRESS: 'x:1', MONGODB_URI: 'mongodb://x' });
    expect(signOnly.web?.customerKeys).toEqual([]);
    expect(() => requireServiceConfig(signOnly, { trackingLinks: true })).toThrow(/STOREFRONT_LINK_KEYS/);
    expect(() => loadConfig({ TRACKING_LINK_KEYS: K1, STOREFRONT_LINK_KEYS: S1, LEGACY_TRACKING_LINKS_UNTIL: 'soon' })).toThrow(/LEGACY_TRACKING_LINKS_UNTIL/);
  });
});
