import { describe, expect, it } from 'vitest';
import { createAlertRepository } from '../../src/db/alerts/repository.js';
import { uniqueName } from '../support/servers.js';
import { useTestConnection } from '../support/test-connection.js';

const db = useTestConnection('alerts');

describe('alert repository: raising a stall (real MongoDB wire server)', () => {
  it('answers the alert as stored, and on a repeated raise the first one, hold included', async () => {
    const alerts = createAlertRepository(db());
    const orderCode = uniqueName('STALL');
    const lastProgressAt = '2026-12-01T10:00:00.000Z';
    const raise = (at: Date, heldBy?: string) =>
      alerts.raiseStall({ orderCode, carrierId: 'ups', lastProgressAt, stalledSince: '2026-12-04T10:00:00.000Z', at, ...(heldBy ? { heldBy } : {}) });

    const first = await raise(new Date('2026-12-04T10:00:01Z'), 'ups');
    expect(first).toEqual(await alerts.findStall(orderCode, lastProgressAt));
    expect(first).toMatchObject({ kind: 'stalled', status: 'open', occurrences: 1, openedAt: '2026-12-04T10:00:01.000Z', heldByOutage: 'ups' });

    // A retried activity raises it again, this time without an outage: the stored alert stands, still held.
    expect(await raise(new Date('2026-12-04T10:05:00Z'))).toEqual(first);
  });
});
