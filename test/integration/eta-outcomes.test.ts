import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDeliveryCsv } from '../../ml/delivery-csv.js';
import { demoCsv } from '../../ml/demo-history.js';
import { laneKey } from '../../ml/purchase-input.js';
import { createEtaOutcomeRepository, type EtaOutcomeRecord } from '../../src/db/eta-outcomes/repository.js';
import { calendarDate } from '../../src/eta/calendar-date.js';
import { deliveredFromDb } from '../../src/eta/delivered-from-db.js';
import { useTestConnection } from '../support/test-connection.js';

const db = useTestConnection('eta_outcomes');
const uri = () => `mongodb://${db().host}:${db().port}/${db().name}`;
const out = mkdtempSync(join(tmpdir(), 'eta-from-db-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Delivered orders as the worker records them, made from the labelled synthetic demo history. */
function demoOutcomes(count: number): EtaOutcomeRecord[] {
  return parseDeliveryCsv(demoCsv({ count })).flatMap((row, i) => {
    const d = row.delivery;
    if (!d) return [];
    const { orderId: _id, ...input } = d.input;
    const day = calendarDate(d.deliveredAt, input.customerTimeZone);
    return [{
      orderCode: `DEMO-${i}`,
      carrierId: input.carrier ?? 'simulator',
      lane: laneKey(input),
      atPurchase: { date: day, promise: day },
      last: { date: day },
      actualDate: day,
      placedAt: input.purchasedAt,
      ...(d.handedOverAt ? { handedOverAt: d.handedOverAt } : {}),
      deliveredAt: d.deliveredAt,
      input,
    }];
  });
}

describe('eta_outcomes: the delivered orders the ETA learns from and is scored on', () => {
  it('records a delivery once and scores promise, most likely day and range per carrier', async () => {
    const repo = createEtaOutcomeRepository(db());
    const base = { lane: 'US:OR>US:CA', placedAt: '2026-11-02T18:00:00Z', deliveredAt: '2026-11-06T20:00:00Z', input: { purchasedAt: '2026-11-02T18:00:00Z', customerTimeZone: 'America/Los_Angeles', originCountry: 'US', destinationCountry: 'US' } };
    // On time, inside the range; then two days late, outside it.
    expect(await repo.record({ ...base, orderCode: 'ACC-1', carrierId: 'ups', atPurchase: { date: '2026-11-05', earliest: '2026-11-04', latest: '2026-11-09', promise: '2026-11-10' }, last: { date: '2026-11-06' }, actualDate: '2026-11-06' }, new Date())).toBe(true);
    expect(await repo.record({ ...base, orderCode: 'ACC-2', carrierId: 'ups', atPurchase: { date: '2026-11-05', earliest: '2026-11-04', latest: '2026-11-06', promise: '2026-11-07' }, last: { date: '2026-11-08' }, actualDate: '2026-11-09' }, new Date())).toBe(true);
    // A retried activity records nothing twice.
    expect(await repo.record({ ...base, orderCode: 'ACC-1', carrierId: 'ups', atPurchase: { date: '2026-11-01' }, last: { date: '2026-11-01' }, actualDate: '2026-11-01' }, new Date())).toBe(false);
    const [ups] = await repo.accuracyBy('carrier');
    expect(ups).toEqual({
      key: 'ups',
      n: 2,
      promise: { maeDays: 3, lateRate: 0.5 }, // |06−10| = 4 and |09−07| = 2
      likely: { maeDays: 2.5, lastMaeDays: 0.5 }, // 1 and 4 at purchase; 0 and 1 at the last revision
      rangeCoverage: 0.5,
    });
    await db().collection('eta_outcomes').deleteMany({});
  });

  it('train:eta --from-db trains on the delivered orders in MongoDB and writes an artifact', { timeout: 240_000 }, async () => {
    const repo = createEtaOutcomeRepository(db());
    const rows = demoOutcomes(1000);
    for (const r of rows) await repo.record(r, new Date());
    const read = await deliveredFromDb(uri());
    expect(read).toHaveLength(rows.length);
    expect(read[0]!.input).toMatchObject({ purchasedAt: expect.any(String), customerTimeZone: expect.any(String) });

    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/train-eta.ts', `--from-db=${uri()}`, '--out', out, '--backend', 'cpu'], { timeout: 230_000 });
    const dir = stdout.trim().split('\n').at(-1)!;
    const metadata = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8')) as { training: { rows: number; dataLabel: string } };
    expect(metadata.training.rows).toBeGreaterThan(0);
    expect(metadata.training.rows).toBeLessThanOrEqual(rows.length);
    expect(metadata.training.dataLabel).toBe('delivered orders (MongoDB)');
  });
});
