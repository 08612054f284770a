import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CURRENT_FILE, saveArtifact, type EtaArtifact } from '../../ml/artifact.js';
import { createEtaService } from '../../ml/eta-service.js';
import { laneKey, type PurchaseInput } from '../../ml/purchase-input.js';
import { createEtaOutcomeRepository } from '../../src/db/eta-outcomes/repository.js';
import { calendarDate } from '../../src/eta/calendar-date.js';
import { completedDelivery } from '../../src/eta/delivered-from-db.js';
import { etaServiceFromConfig } from '../../src/eta/eta-from-config.js';
import { createLaneHistoryFeed } from '../../src/eta/lane-history-feed.js';
import { createLogger } from '../../src/observability/logger.js';
import { NY_TO_TX_BY_UPS_GROUND, trainSmallDemoModel } from '../support/eta-model.js';
import { eventually } from '../support/eventually.js';
import { testConfig } from '../support/test-config.js';
import { useTestConnection } from '../support/test-connection.js';

const db = useTestConnection('eta_lane_feed');
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/** The lane asked about: New York → Texas by UPS Ground (as the ETA service's unit tests). */
const lane = (purchasedAt: string): PurchaseInput => ({ purchasedAt, ...NY_TO_TX_BY_UPS_GROUND });

/** Deliveries on the lane (slow: 30 days in transit; delivered 10 days ago by default), as a worker records them. */
async function storeSlowDeliveries(prefix: string, count: number, deliveredDaysAgo = 10, transitDays = 30): Promise<void> {
  const repo = createEtaOutcomeRepository(db());
  for (let i = 0; i < count; i += 1) {
    const input = lane(ago(deliveredDaysAgo + transitDays));
    const deliveredAt = ago(deliveredDaysAgo);
    const day = calendarDate(deliveredAt, input.customerTimeZone);
    await repo.record(
      { orderCode: `${prefix}-${i}`, carrierId: 'ups', lane: laneKey(input), atPurchase: { date: day }, last: { date: day }, actualDate: day, placedAt: input.purchasedAt, deliveredAt, input },
      new Date(),
    );
  }
}

describe('lane history fed from eta_outcomes', () => {
  let dir: string;
  let artifact: EtaArtifact;
  const today = lane(new Date().toISOString());

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eta-lane-feed-'));
    artifact = await trainSmallDemoModel('eta-feed-1');
    // The model serves on every lane (not the per-lane baseline), so the lane history reaches the quote.
    artifact = { ...artifact, metadata: { ...artifact.metadata, serving: { model: true, baselineLanes: [] } } };
    saveArtifact(dir, artifact);
  }, 180_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    await db().collection('eta_outcomes').deleteMany({});
  });

  it('a process that saw no delivery (the API) quotes from the history other processes stored', async () => {
    await storeSlowDeliveries('API', 40);
    const unfed = createEtaService({ modelDir: dir, minDeliveries: 0 }).predictAtPurchase(today);
    const config = testConfig({ ETA_MODEL_DIR: dir, ETA_MIN_DELIVERIES: '0' });
    const lines: string[] = [];
    const api = etaServiceFromConfig(config, createLogger('info', {}, (l) => lines.push(l)), createEtaOutcomeRepository(db()));
    const quote = await eventually(async () => api.predictAtPurchase(today), (e) => e.high !== unfed.high);
    expect(unfed.source).toBe('model');
    expect(quote.modelVersion).toBe('eta-feed-1');
    expect(quote.high > unfed.high).toBe(true);
    expect(lines.join('\n')).toMatch(/lane history fed 40 deliveries from eta_outcomes/);
  });

  it('never looks ahead: a purchase before those deliveries completed is quoted without them', async () => {
    await storeSlowDeliveries('AHEAD', 40);
    const service = createEtaService({ modelDir: dir, minDeliveries: 0 });
    const earlier = lane(ago(12));
    const before = service.predictAtPurchase(earlier);
    expect(await createLaneHistoryFeed({ service, outcomes: createEtaOutcomeRepository(db()) }).refresh()).toBe(40);
    expect(service.predictAtPurchase(earlier)).toEqual(before);
  });

  it('counts a delivery once when it arrives from the worker and from the database', async () => {
    await storeSlowDeliveries('TWICE', 40);
    const outcomes = createEtaOutcomeRepository(db());
    const fromDb = createEtaService({ modelDir: dir, minDeliveries: 0 });
    await createLaneHistoryFeed({ service: fromDb, outcomes }).refresh();

    // Worker first, then the database read: nothing new.
    const worker = createEtaService({ modelDir: dir, minDeliveries: 0 });
    const stored = (await outcomes.recentDeliveries({ deliveredAfter: ago(30), limit: 100 })).map(completedDelivery);
    expect(stored.map((d) => worker.recordDelivery(d))).toEqual(stored.map(() => true));
    expect(await createLaneHistoryFeed({ service: worker, outcomes }).refresh()).toBe(0);
    expect(worker.predictAtPurchase(today)).toEqual(fromDb.predictAtPurchase(today));

    // Database first, then the worker's own copy: refused.
    expect(stored.map((d) => fromDb.recordDelivery(d))).toEqual(stored.map(() => false));
    expect(fromDb.predictAtPurchase(today)).toEqual(worker.predictAtPurchase(today));

    // Deliveries under other order codes do count (what the keying prevents above). Fast ones (2 days in transit,
    // completed the same day as the slow ones): the same deliveries again would leave the lane's mean where it
    // was, and whether a changed count moves a whole calendar day depended on the day the test ran.
    const fast = stored.map((s) => ({ ...s, input: { ...s.input, orderId: `${s.input.orderId}-fast`, purchasedAt: new Date(Date.parse(s.deliveredAt) - 2 * DAY).toISOString() } }));
    const withOthers = createEtaService({ modelDir: dir, minDeliveries: 0 });
    for (const d of [...stored, ...fast]) expect(withOthers.recordDelivery(d)).toBe(true);
    expect(withOthers.predictAtPurchase(today)).not.toEqual(fromDb.predictAtPurchase(today));
  });

  it('a refresh reads only what was recorded since, and picks up new outcomes', async () => {
    await storeSlowDeliveries('FIRST', 5);
    const service = createEtaService({ modelDir: dir, minDeliveries: 0 });
    const feed = createLaneHistoryFeed({ service, outcomes: createEtaOutcomeRepository(db()) });
    expect(await feed.refresh()).toBe(5);
    const few = service.predictAtPurchase(today);
    // Then fast ones (two days in transit) recorded by another worker.
    await storeSlowDeliveries('LATER', 40, 5, 2);
    expect(await feed.refresh()).toBe(40);
    expect(await feed.refresh()).toBe(0);
    expect(service.predictAtPurchase(today).likely < few.likely).toBe(true);
  });

  it('leaves out deliveries older than the history window', async () => {
    await storeSlowDeliveries('OLD', 10, 80);
    const service = createEtaService({ modelDir: dir, minDeliveries: 0 });
    expect(await createLaneHistoryFeed({ service, outcomes: createEtaOutcomeRepository(db()) }).refresh()).toBe(0);
  });

  it('a newly loaded model keeps the deliveries fed before it (not only its snapshot)', async () => {
    await storeSlowDeliveries('RELOAD', 40);
    let clock = 0;
    const service = createEtaService({ modelDir: dir, minDeliveries: 0, reloadCheckMs: 0, now: () => clock });
    await createLaneHistoryFeed({ service, outcomes: createEtaOutcomeRepository(db()) }).refresh();
    const fed = service.predictAtPurchase(today);
    saveArtifact(dir, { ...artifact, metadata: { ...artifact.metadata, version: 'eta-feed-2' } });
    utimesSync(join(dir, CURRENT_FILE), new Date(), new Date(Date.now() + 5000));
    clock += 1;
    const reloaded = service.predictAtPurchase(today);
    expect(reloaded.modelVersion).toBe('eta-feed-2');
    expect({ ...reloaded, modelVersion: 'eta-feed-1' }).toEqual(fed);
    saveArtifact(dir, artifact);
  });
});
