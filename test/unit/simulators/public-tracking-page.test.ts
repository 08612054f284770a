import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatorAdapter } from '../../../src/carriers/simulator/index.js';
import { startCarrierSim, type RunningCarrierSim } from '../../../src/simulators/carrier/start-carrier-sim.js';

const API_KEY = 'sim-page-key';
const SECRET = 'whsec-never-shown';
let sim: RunningCarrierSim;

async function control(path: string, body: unknown) {
  const res = await fetch(sim.url + path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sim-api-key': API_KEY }, body: JSON.stringify(body) });
  return (await res.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  sim = await startCarrierSim({ apiKey: API_KEY, port: 0, host: '127.0.0.1', autoRegister: true });
});
afterAll(async () => {
  await sim.stop();
});

describe('the demo carrier public tracking page', () => {
  it('shows status and scans without an API key, and nothing secret', async () => {
    const created = await control('/control/shipments', {
      orderCode: 'ORDER-SECRET-42',
      webhook: { url: 'http://127.0.0.1:9/hooks/simulator', format: 'simulator', secret: SECRET },
    });
    const tn = created.trackingNumber as string;
    await control(`/control/shipments/${tn}/events`, { code: 'PU', occurredAt: '2024-03-01T08:00:00-06:00', description: 'Picked up <at dock>', location: { city: 'Memphis', region: 'TN', country: 'US' } });
    await control(`/control/shipments/${tn}/events`, { code: 'OD', occurredAt: '2024-03-02T07:30:00-06:00', description: 'Out for delivery' });

    // An adapter configured against this simulator links to this very page.
    const url = createSimulatorAdapter({ baseUrl: sim.url, apiKey: API_KEY }).trackingUrl(tn);
    expect(url).toBe(`${sim.url}/track/${tn}`);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain(`Tracking ${tn}`);
    expect(html).toContain('data-status="out_for_delivery"');
    expect(html.indexOf('Out for delivery</td>')).toBeLessThan(html.indexOf('Picked up &lt;at dock&gt;'));
    expect(html).toContain('Memphis, TN, US');
    expect(html).not.toContain('<at dock>');
    for (const hidden of [SECRET, 'ORDER-SECRET-42', '127.0.0.1:9', API_KEY]) expect(html).not.toContain(hidden);
  });

  it('answers 404 with an HTML page for an unknown number and never registers it', async () => {
    const res = await fetch(`${sim.url}/track/SIM0000000000000`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('No shipment with tracking number SIM0000000000000');
    const inspect = await fetch(`${sim.url}/control/shipments/SIM0000000000000`, { headers: { 'x-sim-api-key': API_KEY } });
    expect(inspect.status).toBe(404);
  });
});
