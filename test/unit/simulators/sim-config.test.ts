import { describe, expect, it } from 'vitest';
import { createCarrierSimApp } from '../../../src/simulators/carrier/create-sim-app.js';
import { createManualClock } from '../../../src/simulators/carrier/sim-clock.js';
import { parseCarrierSimConfig } from '../../../src/simulators/carrier/sim-config.js';

describe('carrier simulator config', () => {
  it('needs an API key and defaults the rest', () => {
    expect(() => parseCarrierSimConfig({})).toThrow(/CARRIER_SIM_API_KEY/);
    expect(parseCarrierSimConfig({ CARRIER_SIM_API_KEY: 'k' })).toEqual({
      port: 4010,
      host: '127.0.0.1',
      apiKey: 'k',
      timeScale: 1,
      seed: 1,
      defaultScenario: 'happy_path',
      autoRegister: false,
      webhookTargets: {},
    });
  });

  it('reads time scale, scenario, auto-registration and one webhook target per format', () => {
    const config = parseCarrierSimConfig({
      CARRIER_SIM_API_KEY: 'k',
      CARRIER_SIM_PORT: '0',
      CARRIER_SIM_TIME_SCALE: '10080',
      CARRIER_SIM_SCENARIO: 'mixed',
      CARRIER_SIM_AUTO_REGISTER: 'true',
      CARRIER_SIM_WEBHOOK_BASE_URL: 'http://127.0.0.1:3000/webhooks/',
      CARRIER_SIM_WEBHOOK_SECRET: 's3cret',
      CARRIER_SIM_WEBHOOK_CARRIERS: 'simulator, easypost',
    });
    expect(config).toMatchObject({ port: 0, timeScale: 10_080, defaultScenario: 'mixed', autoRegister: true });
    expect(config.webhookTargets).toEqual({
      simulator: { url: 'http://127.0.0.1:3000/webhooks/simulator', format: 'simulator', secret: 's3cret' },
      easypost: { url: 'http://127.0.0.1:3000/webhooks/easypost', format: 'easypost', secret: 's3cret' },
    });
    expect(() => parseCarrierSimConfig({ CARRIER_SIM_API_KEY: 'k', CARRIER_SIM_TIME_SCALE: '0' })).toThrow(/TIME_SCALE/);
    expect(() => parseCarrierSimConfig({ CARRIER_SIM_API_KEY: 'k', CARRIER_SIM_WEBHOOK_CARRIERS: 'acme' })).toThrow(/WEBHOOK_CARRIERS/);
  });

  it('auto-registration brings unknown numbers (demo seeds) to life on first look-up', async () => {
    const sim = createCarrierSimApp({ apiKey: 'k', clock: createManualClock(Date.now()), autoRegister: true, defaultScenario: 'mixed' });
    const res = await sim.app.request('/simulator/v1/tracking/SIM000000001006', { headers: { 'x-sim-api-key': 'k' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { events: unknown[] }).events).toHaveLength(1);
    expect(sim.store.get('SIM000000001006')?.requests.tracking).toBe(1);
  });
});
