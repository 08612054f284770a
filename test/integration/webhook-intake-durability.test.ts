import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedTemporal } from '../../src/embedded/temporal-server.js';
import { getStateQuery } from '../../workflows/shipment-messages.js';
import { startTestCarrierSim, type TestCarrierSim } from '../support/carrier-sim.js';
import { eventually } from '../support/eventually.js';
import { placeSimulatorOrder } from '../support/lifecycle.js';
import { startTestMongo, startTestTemporalDev, uniqueName, type TestMongo } from '../support/servers.js';
import { simWebhook } from '../support/sim-webhook.js';
import { startStack, type TestStack } from '../support/stack.js';
import { startWireFaultProxy, type WireCommand, type WireFault, type WireFaultProxy } from '../support/wire-fault-proxy.js';

/**
 * "Nothing answered 2xx is ever lost", counted over concurrent bursts: every webhook answered 202 is in the
 * inbox and reaches its shipment, whatever the store says about the group-committed batch it was part of.
 */
let mongoServer: TestMongo;
let temporalServer: EmbeddedTemporal;
let sim: TestCarrierSim;
let proxy: WireFaultProxy;
let direct: TestStack;
let faulty: TestStack;
const faults = { failedAfterWrite: 0, failedWithoutWrite: 0, refusedAlone: 0 };

/** Marks the one webhook the faulty store refuses whenever it is written. */
const REFUSED_MARK = 'REFUSED-BY-STORE';
const injectedError = { ok: 0, code: 1, errmsg: 'injected: insert failed', codeName: 'InternalError' };

/** Inserts into the inbox fail without naming a document: after the server wrote them, or instead of it. */
function decide(command: WireCommand): WireFault {
  if (command.name !== 'insert' || command.collection !== 'webhook_inbox') return { kind: 'pass' };
  const refused = command.documents.some((d) => JSON.stringify(d).includes(REFUSED_MARK));
  if (command.documents.length === 1) {
    if (!refused) return { kind: 'pass' };
    faults.refusedAlone += 1;
    return { kind: 'reply-instead', reply: { ok: 0, code: 2, errmsg: 'injected: document refused', codeName: 'BadValue' } };
  }
  if (refused) {
    faults.failedWithoutWrite += 1;
    return { kind: 'reply-instead', reply: injectedError };
  }
  faults.failedAfterWrite += 1;
  return { kind: 'reply-after', reply: injectedError };
}

beforeAll(async () => {
  [mongoServer, temporalServer, sim] = await Promise.all([startTestMongo(), startTestTemporalDev(), startTestCarrierSim()]);
  proxy = await startWireFaultProxy(mongoServer.uri, decide);
  const carriers = sim.carriers;
  [direct, faulty] = await Promise.all([
    startStack({ mongoServer, temporalServer, carriers }),
    startStack({ mongoServer: { ...mongoServer, uri: proxy.uri }, temporalServer, carriers }),
  ]);
});

afterAll(async () => {
  await Promise.all([direct?.stop(), faulty?.stop()]);
  await proxy?.stop();
  await Promise.all([mongoServer?.stop(), temporalServer?.stop(), sim?.stop()]);
});

/** Sends the webhooks at once; returns each one's answer status and the inbox's dedupe keys for the order. */
async function burst(stack: TestStack, hooks: { body: Buffer; headers: Record<string, string> }[]) {
  const answers = await Promise.all(hooks.map((h) => stack.app.request('/webhooks/simulator', { method: 'POST', headers: h.headers, body: h.body })));
  return answers.map((a) => a.status);
}

const storedKeys = async (stack: TestStack, trackingNumber: string) =>
  (await stack.mongo.collection('webhook_inbox').find({ 'deliveries.trackingNumber': trackingNumber }).project({ dedupeKey: 1 }).toArray()).map((d) => String(d.dedupeKey));

const eventIds = async (order: Awaited<ReturnType<typeof placeSimulatorOrder>>, count: number) => {
  const state = await eventually(() => order.handle.query(getStateQuery), (s) => s.domain.events.length >= count, 30_000);
  return state.domain.events.map((e: { carrierEventId?: string }) => e.carrierEventId).sort();
};

describe('webhook intake durability (group commit)', () => {
  it('stores and relays every webhook of a concurrent burst when one carries a NUL the store refuses in text', async () => {
    const order = await placeSimulatorOrder(direct, uniqueName('NUL'), { prepare: (tn) => sim.manualShipment(tn) });
    const hooks = Array.from({ length: 15 }, (_, i) =>
      simWebhook(order.trackingNumber, { eventId: `${order.code}-${i}`, code: 'IT', description: i === 7 ? 'Scanned at dock\u0000 7' : `Scan ${i}` }),
    );
    const statuses = await burst(direct, hooks);
    expect(statuses).toEqual(Array(15).fill(202));
    expect(await storedKeys(direct, order.trackingNumber)).toHaveLength(15);
    const nul = await direct.mongo.collection('webhook_inbox').findOne({ dedupeKey: `simulator:${order.code}-7` });
    expect(nul?.updates[0].events[0].description).toBe('Scanned at dock\uFFFD 7');
    expect(await eventIds(order, 15)).toEqual(hooks.map((_, i) => `${order.code}-${i}`).sort());
  });

  it('answers 202 only for stored webhooks when the store fails batches without saying which documents it wrote', async () => {
    const order = await placeSimulatorOrder(faulty, uniqueName('FLT'), { prepare: (tn) => sim.manualShipment(tn) });
    const hook = (i: number, description = `Scan ${i}`) => simWebhook(order.trackingNumber, { eventId: `${order.code}-${i}`, code: 'IT', description });
    // Two waves, so that both kinds of failed batch occur: one the server wrote, one it did not.
    const first = await burst(faulty, Array.from({ length: 10 }, (_, i) => hook(i)));
    const second = await burst(faulty, [...Array.from({ length: 10 }, (_, i) => hook(10 + i)), hook(20, REFUSED_MARK)]);
    expect(faults.failedAfterWrite).toBeGreaterThan(0);
    expect(faults.failedWithoutWrite).toBeGreaterThan(0);
    expect(faults.refusedAlone).toBeGreaterThan(0);

    const statuses = [...first, ...second];
    const accepted = statuses.flatMap((s, i) => (s === 202 ? [`simulator:${order.code}-${i}`] : []));
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(202));
    expect(statuses[20]).toBeGreaterThanOrEqual(500);
    expect((await storedKeys(faulty, order.trackingNumber)).sort()).toEqual(accepted.sort());
    expect(await eventIds(order, 20)).toEqual(Array.from({ length: 20 }, (_, i) => `${order.code}-${i}`).sort());
  });
});
