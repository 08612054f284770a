import { createSimulatorAdapter } from '../../src/carriers/simulator/index.js';
import { createCarrierRegistry, type CarrierRegistry } from '../../src/carriers/registry.js';
import { startCarrierSim } from '../../src/simulators/carrier/start-carrier-sim.js';
import { createManualClock } from '../../src/simulators/carrier/sim-clock.js';

export const SIM_API_KEY = 'sim_test_key_0123456789';
export const SIM_WEBHOOK_SECRET = 'whsec_sim_test_0123456789';

export interface TestCarrierSim {
  url: string;
  carriers: CarrierRegistry;
  /** Registers a tracking number at the simulated carrier with no automatic events. */
  manualShipment(trackingNumber: string): Promise<void>;
  addEvent(trackingNumber: string, event: { code: string; occurredAt?: string; description?: string; eventId?: string }): Promise<void>;
  pollCount(trackingNumber: string): Promise<number>;
  fault(body: { mode: '5xx' | 'timeout' | '429' | 'none'; count?: number; retryAfterSeconds?: number }): Promise<void>;
  /** Registers a number that plays a scripted scenario from `startAt` (carrier time). */
  scenarioShipment(trackingNumber: string, scenario: string, startAt: string): Promise<void>;
  /** The simulator's whole view of a shipment (timeline, outage window, request counts). */
  describe(trackingNumber: string): Promise<Record<string, unknown>>;
  /** Sets the carrier's clock (epoch ms): tests move it with the workflows' skipped time. */
  setClock(ms: number): void;
  stop(): Promise<void>;
}

/** The carrier simulator process's server, started in-process on a free port, plus a registry pointing at it. */
export async function startTestCarrierSim(): Promise<TestCarrierSim> {
  // Workflow tests skip Temporal time ahead of the wall clock; the carrier's clock is moved explicitly so
  // that an event the test adds "now" (in workflow time) is visible to the next poll.
  const clock = createManualClock(Date.now());
  const sim = await startCarrierSim({ port: 0, host: '127.0.0.1', apiKey: SIM_API_KEY, clock });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sim.url}${path}`, {
      method,
      headers: { 'x-sim-api-key': SIM_API_KEY, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`carrier sim ${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  return {
    url: sim.url,
    carriers: createCarrierRegistry([createSimulatorAdapter({ baseUrl: sim.url, apiKey: SIM_API_KEY, webhookSecret: SIM_WEBHOOK_SECRET, timeoutMs: 2_000 })]),
    manualShipment: async (trackingNumber) => void (await call('POST', '/control/shipments', { trackingNumber, scenario: 'manual' })),
    addEvent: async (trackingNumber, event) => {
      if (event.occurredAt) clock.set(Math.max(clock.now(), Date.parse(event.occurredAt)));
      await call('POST', `/control/shipments/${trackingNumber}/events`, event);
    },
    pollCount: async (trackingNumber) => {
      const shipment = await call('GET', `/control/shipments/${trackingNumber}`);
      return (shipment.requests as { tracking: number }).tracking;
    },
    fault: async (body) => void (await call('POST', '/control/faults', body)),
    scenarioShipment: async (trackingNumber, scenario, startAt) => void (await call('POST', '/control/shipments', { trackingNumber, scenario, startAt })),
    describe: (trackingNumber) => call('GET', `/control/shipments/${trackingNumber}`),
    setClock: (ms) => clock.set(ms),
    stop: () => sim.stop(),
  };
}
