import webpush from 'web-push';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load-config.js';
import { pushStatusLine } from '../../../src/notifications/push/push-status.js';

const keys = webpush.generateVAPIDKeys();
const base = { NODE_ENV: 'test', TRACKING_LINK_KEYS: `k1:${'s'.repeat(32)}`, STOREFRONT_LINK_KEYS: `s1:${'t'.repeat(32)}` };
const vapid = { VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey, VAPID_SUBJECT: 'mailto:ops@shop.test' };

describe('web push configuration (VAPID_* through the config schema)', () => {
  it('turns push on and hands the pages the public key only', () => {
    const config = loadConfig({ ...base, ...vapid });
    expect(config.notifications.channels.push).toEqual({ publicKey: keys.publicKey, privateKey: keys.privateKey, subject: 'mailto:ops@shop.test' });
    expect(config.web?.vapidPublicKey).toBe(keys.publicKey);
    expect(JSON.stringify(config.web)).not.toContain(keys.privateKey);
  });

  it('leaves push off without VAPID_*, and refuses a half-set pair naming the missing variable', () => {
    const off = loadConfig(base);
    expect(off.notifications.channels.push).toBeUndefined();
    expect(off.web?.vapidPublicKey).toBeUndefined();
    expect(() => loadConfig({ ...base, VAPID_PUBLIC_KEY: keys.publicKey })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, VAPID_PUBLIC_KEY: keys.publicKey })).toThrow(/VAPID_PRIVATE_KEY/);
    expect(() => loadConfig({ ...base, ...vapid, VAPID_PRIVATE_KEY: 'c2hvcnQ' })).toThrow(/VAPID_PRIVATE_KEY: expected 32 bytes/);
  });

  it('says at start whether push is on, never with a key', () => {
    const on = pushStatusLine(loadConfig({ ...base, ...vapid }).notifications.channels.push);
    expect(on).toBe('web push on (VAPID subject mailto:ops@shop.test)');
    expect(on).not.toContain(keys.privateKey);
    expect(pushStatusLine(undefined)).toMatch(/^web push off: VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT are unset/);
  });
});
