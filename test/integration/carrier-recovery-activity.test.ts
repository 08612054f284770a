import { describe, expect, it } from 'vitest';
import { createCarrierRecoveryActivities } from '../../activities/carrier-recovery.js';
import { createAlertRepository } from '../../src/db/alerts/repository.js';
import { createOpenShipmentPages } from '../../src/db/carrier-health/open-shipments.js';
import { createCarrierHealthRepository } from '../../src/db/carrier-health/repository.js';
import { createOrderRepository } from '../../src/db/orders/repository.js';
import { createLogger } from '../../src/observability/logger.js';
import { newOrderRecord } from '../support/orders.js';
import { uniqueName } from '../support/servers.js';
import { useTestConnection } from '../support/test-connection.js';

const db = useTestConnection('carrier_recovery');

describe('completeCarrierRecovery (real MongoDB wire server, no Temporal: nothing is signalled)', () => {
  it('releases the held alerts of a shipment still under way and closes quietly those of one that ended', async () => {
    const carrierId = uniqueName('carrier');
    const [health, alerts, orders] = [createCarrierHealthRepository(db()), createAlertRepository(db()), createOrderRepository(db())];
    const at = (s: number) => new Date(Date.UTC(2026, 11, 1, 10, 0, s));

    // An outage, then the answer that ends it: the carrier is recovering.
    await health.recordFailure({ carrierId, orderCode: 'X', error: 'HTTP_503', at: at(0) }, { failedPolls: 1, minShipments: 1 });
    const outageSince = (await health.get(carrierId))!.outageSince!;
    await health.recordSuccess(carrierId, at(10));
    expect((await health.get(carrierId))?.state).toBe('recovering');

    // A shipment still moving holds a stall and a poll-failure alert; one delivered meanwhile holds a stall.
    const moving = await orders.create(newOrderRecord(uniqueName('MOV'), { carrierId }), null);
    const ended = await orders.create(newOrderRecord(uniqueName('END'), { carrierId }), null);
    await orders.applyProjection(moving.code, { revision: 2, status: 'in_transit', milestone: 'shipped' }, at(1));
    await orders.applyProjection(ended.code, { revision: 4, status: 'delivered', milestone: 'delivered' }, at(2));
    for (const code of [moving.code, ended.code]) {
      await alerts.raiseStall({ orderCode: code, carrierId, lastProgressAt: at(0).toISOString(), stalledSince: at(3).toISOString(), at: at(3), heldBy: carrierId });
    }
    await alerts.recordPollFailure({ orderCode: moving.code, carrierId, message: 'HTTP_503', at: at(4) });
    await alerts.markPollEpisode(moving.code, at(4).toISOString(), carrierId);
    expect(await alerts.listHeld(carrierId)).toHaveLength(3);
    const heldOf = async () => (await alerts.countHeld()).filter((h) => h.carrierId === carrierId).sort((a, b) => a.kind.localeCompare(b.kind));
    expect(await heldOf()).toEqual([
      { carrierId, kind: 'poll_failure', count: 1 },
      { carrierId, kind: 'stalled', count: 2 },
    ]);

    const activities = createCarrierRecoveryActivities({
      health,
      alerts,
      orders,
      openShipments: createOpenShipmentPages(db()),
      logger: createLogger('error'),
    });
    const outcome = await activities.completeCarrierRecovery({ carrierId, outageSince, finishedAt: at(20).toISOString() });

    expect(outcome).toEqual({ released: 2, dropped: 1, finished: true });
    expect((await health.get(carrierId))?.state).toBe('healthy');
    expect(await alerts.listHeld(carrierId)).toEqual([]);
    expect(await heldOf()).toEqual([]);
    const endedAlerts = await alerts.list({ orderCode: ended.code });
    expect(endedAlerts.map((a) => ({ status: a.status, resolvedAt: a.resolvedAt }))).toEqual([{ status: 'resolved', resolvedAt: at(20).toISOString() }]);
    const movingAlerts = await alerts.list({ orderCode: moving.code });
    expect(movingAlerts.map((a) => [a.kind, a.status, a.heldByOutage]).sort()).toEqual([
      ['poll_failure', 'open', undefined],
      ['stalled', 'open', undefined],
    ]);
  });
});
