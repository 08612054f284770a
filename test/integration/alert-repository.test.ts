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
    expect(await alerts.list({ orderCode, kind: 'stalled' })).toEqual([first]);
    expect(first).toMatchObject({ kind: 'stalled', status: 'open', occurrences: 1, openedAt: '2026-12-04T10:00:01.000Z', heldByOutage: 'ups' });

    // A retried activity raises it again, this time without an outage: the stored alert stands, still held.
    expect(await raise(new Date('2026-12-04T10:05:00Z'))).toEqual(first);
  });
});

describe('alert repository: poll failures (real MongoDB wire server)', () => {
  it('counts a run of failures on one alert, and starts a new run afresh once the last one was resolved', async () => {
    const alerts = createAlertRepository(db());
    const orderCode = uniqueName('POLL');
    const at = (m: number) => new Date(Date.UTC(2026, 11, 1, 10, m));
    const record = (m: number) => alerts.recordPollFailure({ orderCode, carrierId: 'ups', message: `HTTP_503 at ${m}`, at: at(m) });
    const stored = async () => (await alerts.list({ orderCode, kind: 'poll_failure' })).map(({ status, occurrences, openedAt, lastSeenAt, message }) => ({ status, occurrences, openedAt, lastSeenAt, message }));

    await record(0);
    await record(1);
    await alerts.markPollEpisode(orderCode, at(1).toISOString());
    expect(await stored()).toEqual([{ status: 'open', occurrences: 2, openedAt: at(0).toISOString(), lastSeenAt: at(1).toISOString(), message: 'HTTP_503 at 1' }]);

    await alerts.resolvePollFailures(orderCode, at(2));
    await record(3);
    expect(await stored()).toEqual([{ status: 'open', occurrences: 1, openedAt: at(3).toISOString(), lastSeenAt: at(3).toISOString(), message: 'HTTP_503 at 3' }]);
    expect((await alerts.list({ orderCode }))[0]?.details).toBeUndefined();
  });
});
