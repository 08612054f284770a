import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { devOpsEnv, devStallThreshold } from '../../../scripts/dev/dev-ops-env.js';

describe('npm run dev: operations settings that follow the carrier simulator', () => {
  it('make the stall threshold 72 h of carrier time at the simulator scale', () => {
    expect(devStallThreshold(1440)).toBe('180s');
    expect(devStallThreshold(1)).toBe('259200s');
    expect(devStallThreshold(10_000_000)).toBe('1s');
    const config = loadConfig({ NODE_ENV: 'development', SMTP_HOST: '127.0.0.1', SMTP_FROM: 'Demo <d@x.test>', ...devOpsEnv({}, 1440) });
    expect(config.shipments.stallThresholdMs).toBe(180_000);
    expect(config.notifications.operators?.emails).toEqual(['ops@demo-shop.localhost']);
  });

  it('keep what the developer set', () => {
    expect(devOpsEnv({ STALL_THRESHOLD: '10m', OPS_ALERT_EMAILS: 'me@x.test' }, 1440)).toEqual({ STALL_THRESHOLD: '10m', OPS_ALERT_EMAILS: 'me@x.test' });
  });
});
