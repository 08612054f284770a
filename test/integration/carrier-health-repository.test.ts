import { describe, expect, it } from 'vitest';
import { connectMongo } from '../../src/db/connection.js';
import { createCarrierHealthRepository } from '../../src/db/carrier-health/repository.js';
import { useTestConnection } from '../support/test-connection.js';

const db = useTestConnection('carrier_health');
const policy = { failedPolls: 4, minShipments: 2 };

describe('carrier health shared by workers (real MongoDB wire server)', () => {
  it('opens one outage and ends it once when two workers record the same outcomes at the same time', async () => {
    // A second connection stands for a second worker process.
    const other = await connectMongo(db().getClient().options.hosts.map((h) => `mongodb://${h.host}:${h.port}`)[0]!, { dbName: db().name });
    try {
      const a = createCarrierHealthRepository(db());
      const b = createCarrierHealthRepository(other);
      const at = (s: number) => new Date(Date.UTC(2026, 11, 1, 10, 0, s));
      // Four failures of one shipment: many failures, but one bad parcel is no outage.
      for (let i = 0; i < 4; i += 1) expect((await a.recordFailure({ carrierId: 'ups', orderCode: 'A', error: 'HTTP_503', at: at(i) }, policy)).outageStarted).toBeUndefined();
      expect((await a.get('ups'))).toMatchObject({ state: 'healthy', consecutiveFailures: 4, failingShipments: ['A'] });

      const changes = await Promise.all(
        ['B', 'C', 'D', 'E', 'F', 'G'].map((code, i) => (i % 2 ? a : b).recordFailure({ carrierId: 'ups', orderCode: code, error: 'HTTP_503', at: at(10), circuitOpen: i === 5 }, policy)),
      );
      expect(changes.filter((c) => c.outageStarted)).toHaveLength(1);
      const outage = (await b.get('ups'))!;
      expect(outage).toMatchObject({ state: 'outage', since: at(10).toISOString(), outageSince: at(10).toISOString() });
      // Counts are a gauge, not a ledger: FerretDB may lose concurrent $inc's (a real mongod counts all 10);
      // the transition itself is decided by a unique claim, so it happens once either way.
      expect(outage.consecutiveFailures).toBeGreaterThanOrEqual(5);
      expect(outage.consecutiveFailures).toBeLessThanOrEqual(10);
      expect(outage.failingShipments?.length).toBeGreaterThanOrEqual(2);

      const ends = await Promise.all([a.recordSuccess('ups', at(30)), b.recordSuccess('ups', at(30)), a.recordSuccess('ups', at(30))]);
      expect(ends.filter((c) => c.outageEnded)).toEqual([{ record: expect.anything(), outageEnded: { since: at(10).toISOString(), endedAt: at(30).toISOString() } }]);
      expect(await a.get('ups')).toMatchObject({ state: 'recovering', consecutiveFailures: 0, lastOutage: { since: at(10).toISOString(), endedAt: at(30).toISOString() } });
      expect((await a.get('ups'))?.circuitOpenAt).toBeUndefined();

      // The catch-up of that outage ends it; a finish for another outage changes nothing.
      expect(await b.finishRecovery('ups', at(0).toISOString(), at(40))).toBe(false);
      expect(await b.finishRecovery('ups', at(10).toISOString(), at(40))).toBe(true);
      expect(await a.get('ups')).toMatchObject({ state: 'healthy', since: at(40).toISOString() });
      expect((await a.list()).map((r) => r.carrierId)).toEqual(['ups']);
    } finally {
      await other.close();
    }
  });

  it("an answered look-up's record, built from the update without a read, is the stored one", async () => {
    const health = createCarrierHealthRepository(db());
    const at = (s: number) => new Date(Date.UTC(2026, 11, 2, 10, 0, s));
    // The record's fields: the document's internal outage counter (claim numbering) left aside.
    const fields = (r: object | null) => {
      const { outages: _counter, ...rest } = (r ?? {}) as { outages?: number };
      return rest;
    };
    // First record of a carrier (the upsert inserts it), then one after failures with an open circuit.
    expect(fields((await health.recordSuccess('fedex', at(0))).record)).toEqual(fields(await health.get('fedex')));
    await health.recordFailure({ carrierId: 'fedex', orderCode: 'A', error: 'HTTP_503', at: at(1), circuitOpen: true }, policy);
    expect(await health.get('fedex')).toMatchObject({ consecutiveFailures: 1, failingShipments: ['A'], circuitOpenAt: at(1).toISOString() });
    const { record } = await health.recordSuccess('fedex', at(2));
    expect(fields(record)).toEqual(fields(await health.get('fedex')));
    expect(record).toMatchObject({ state: 'healthy', since: at(0).toISOString(), consecutiveFailures: 0, failingShipments: [], lastSuccessAt: at(2).toISOString(), lastError: 'HTTP_503' });
    expect(record.circuitOpenAt).toBeUndefined();
  });
});
