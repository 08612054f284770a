import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_FILE, saveArtifact, type EtaArtifact } from '../../../ml/artifact.js';
import { createEtaService, PRIOR_VERSION } from '../../../ml/eta-service.js';
import { DEFAULT_PRIOR, serviceClassOf } from '../../../ml/prior.js';
import { NY_TO_TX_BY_UPS_GROUND, trainSmallDemoModel } from '../../support/eta-model.js';
import { purchase } from './fixtures.js';

const order = purchase({ purchasedAt: '2025-03-03T10:00:00-05:00', ...NY_TO_TX_BY_UPS_GROUND });

describe('prior', () => {
  it('maps free-text service levels to service classes', () => {
    expect(serviceClassOf('UPS Next Day Air')).toBe('express');
    expect(serviceClassOf('Ground')).toBe('standard');
    expect(serviceClassOf('Parcel Select Economy')).toBe('economy');
    expect(serviceClassOf(undefined)).toBe('standard');
  });

  it('serves the documented prior in business days when there is no model', () => {
    const eta = createEtaService();
    const e = eta.predictAtPurchase(order);
    // Monday 10:00 before the 14:00 cut-off: dispatch Monday; standard = 2 / 4 / 6 / 7 business days.
    expect(e).toEqual({ low: '2025-03-05', likely: '2025-03-07', high: '2025-03-11', promise: '2025-03-12', source: 'prior', modelVersion: PRIOR_VERSION });
    expect(eta.status().source).toBe('prior');
  });

  it('adds international days and honours the destination holidays', () => {
    const eta = createEtaService();
    const abroad = eta.predictAtPurchase({ ...order, destinationCountry: 'CA', destinationRegion: 'ON', customerTimeZone: 'America/Toronto' });
    expect(abroad.likely > eta.predictAtPurchase(order).high).toBe(true);
    // Bought Thursday 3 July 2025 after the cut-off: dispatch Monday 7 July (4 July is a US holiday).
    const july = eta.predictAtPurchase({ ...order, purchasedAt: '2025-07-03T15:00:00-04:00', serviceLevel: 'Express' });
    expect(july.low).toBe('2025-07-08');
  });
});

describe('createEtaService with a model directory', () => {
  let dir: string;
  let artifact: EtaArtifact;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eta-svc-'));
    artifact = await trainSmallDemoModel('eta-svc-1');
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('switches from the prior to the model without a restart once a model is saved', () => {
    let clock = 0;
    const lines: string[] = [];
    const eta = createEtaService({ modelDir: dir, minDeliveries: 1000, reloadCheckMs: 1000, now: () => clock, log: (l) => lines.push(l) });
    expect(eta.predictAtPurchase(order).source).toBe('prior');
    saveArtifact(dir, artifact);
    clock += 500;
    expect(eta.predictAtPurchase(order).source).toBe('prior');
    clock += 600;
    const e = eta.predictAtPurchase(order);
    expect(['model', 'baseline']).toContain(e.source);
    expect(e.modelVersion).toBe('eta-svc-1');
    expect(e.low <= e.likely && e.likely <= e.high && e.likely <= e.promise).toBe(true);
    expect(eta.status()).toMatchObject({ source: 'model', modelVersion: 'eta-svc-1', trainedOnDeliveries: 1200 });
    expect(lines.join('\n')).toMatch(/loaded model eta-svc-1/);
  });

  it('keeps the prior while the model was trained on fewer deliveries than the threshold', () => {
    saveArtifact(dir, artifact);
    const eta = createEtaService({ modelDir: dir, minDeliveries: 5000 });
    expect(eta.predictAtPurchase(order).source).toBe('prior');
    expect(eta.status().detail).toMatch(/below the 5000-delivery threshold/);
  });

  it('picks up a newer artifact and keeps serving the old one when the new one is broken', () => {
    saveArtifact(dir, artifact);
    let clock = 0;
    const lines: string[] = [];
    const eta = createEtaService({ modelDir: dir, minDeliveries: 0, reloadCheckMs: 0, now: () => clock, log: (l) => lines.push(l) });
    expect(eta.predictAtPurchase(order).modelVersion).toBe('eta-svc-1');
    saveArtifact(dir, { ...artifact, metadata: { ...artifact.metadata, version: 'eta-svc-2' } });
    utimesSync(join(dir, CURRENT_FILE), new Date(), new Date(Date.now() + 2000));
    clock += 1;
    expect(eta.predictAtPurchase(order).modelVersion).toBe('eta-svc-2');
    saveArtifact(dir, { ...artifact, metadata: { ...artifact.metadata, version: 'eta-svc-3', featureSpec: { ...artifact.metadata.featureSpec, version: 999 } } });
    utimesSync(join(dir, CURRENT_FILE), new Date(), new Date(Date.now() + 4000));
    clock += 1;
    expect(eta.predictAtPurchase(order).modelVersion).toBe('eta-svc-2');
    expect(lines.join('\n')).toMatch(/feature schema 999/);
  });

  it('feeds completed deliveries into the lane history the model reads', () => {
    saveArtifact(dir, { ...artifact, metadata: { ...artifact.metadata, serving: { model: true, baselineLanes: [] } } });
    const eta = createEtaService({ modelDir: dir, minDeliveries: 0 });
    const late = { ...order, purchasedAt: '2025-06-02T10:00:00-04:00' };
    const before = eta.predictAtPurchase(late);
    for (let i = 0; i < 40; i += 1) eta.recordDelivery({ input: { ...order, orderId: `late-${i}`, purchasedAt: '2025-05-01T10:00:00-04:00' }, deliveredAt: '2025-05-30T12:00:00-05:00' });
    const after = eta.predictAtPurchase(late);
    expect(before.source).toBe('model');
    expect(after.high > before.high).toBe(true);
  });
});

describe('revisions', () => {
  const eta = createEtaService();
  const initial = eta.predictAtPurchase(order);

  it('out for delivery means today, on the customer calendar', () => {
    // 03:00 UTC on the 6th is the evening of the 5th in Chicago.
    const r = eta.revise(order, initial, { stage: 'out_for_delivery', at: '2025-03-06T03:00:00Z' });
    expect([r.low, r.likely, r.high]).toEqual(['2025-03-05', '2025-03-05', '2025-03-05']);
    expect(r.promise).toBe(initial.promise);
    expect(r.changed).toBe(true);
    expect(r.reasonCode).toBe('out_for_delivery');
  });

  it('blends the carrier date after pickup and says why the date moved', () => {
    const r = eta.revise(order, initial, { stage: 'picked_up', at: '2025-03-04T18:00:00Z', carrierEta: '2025-03-12' });
    const plain = eta.revise(order, initial, { stage: 'picked_up', at: '2025-03-04T18:00:00Z' });
    expect(r.likely > plain.likely).toBe(true);
    expect(r.high >= '2025-03-12').toBe(true);
    expect(r.reasonCode).toBe('picked_up+carrier_eta');
    expect(r.reason).toMatch(/carrier expects 2025-03-12/);
  });

  it('never leaves a date in the past: a parcel still travelling after its promise gets a new promise', () => {
    const r = eta.revise(order, initial, { stage: 'in_destination_region', at: '2025-03-20T15:00:00Z' });
    expect(r.low >= '2025-03-20').toBe(true);
    expect(r.promise > initial.promise).toBe(true);
    expect(r.reasonCode).toBe('in_destination_region+late');
    expect(r.changed).toBe(true);
  });

  it('reports no change when the revision lands on the same dates', () => {
    const first = eta.revise(order, initial, { stage: 'in_destination_region', at: '2025-03-06T15:00:00Z' });
    const again = eta.revise(order, first, { stage: 'in_destination_region', at: '2025-03-06T16:00:00Z' });
    expect(again.changed).toBe(false);
  });

  it('has a prior for every service class with ordered figures', () => {
    for (const t of Object.values(DEFAULT_PRIOR.serviceClasses)) expect(t.low <= t.likely && t.likely <= t.high && t.high <= t.promise).toBe(true);
  });
});
