import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { AlertRecord, AlertRepository } from '../src/db/alerts/repository.js';
import type { CarrierHealthRepository } from '../src/db/carrier-health/repository.js';
import type { OpenShipmentPages } from '../src/db/carrier-health/open-shipments.js';
import type { OrderRepository } from '../src/db/orders/repository.js';
import type { OpenShipmentCursor } from '../src/domain/carrier-health.js';
import { shipmentWorkflowId } from '../src/domain/ids.js';
import { isTerminalStatus } from '../src/domain/status-rank.js';
import type { Logger } from '../src/observability/logger.js';
import type { CarrierRecoveryOutcome } from '../workflows/carrier-recovery-messages.js';
import { pollNowSignal } from '../workflows/shipment-messages.js';
import type { FollowUpWorkflows } from './follow-up-workflows.js';

export interface CarrierRecoveryActivityDeps {
  health: Pick<CarrierHealthRepository, 'get' | 'finishRecovery'>;
  alerts: AlertRepository;
  orders: Pick<OrderRepository, 'statusesByCode'>;
  openShipments: OpenShipmentPages;
  /** Signals the shipments' workflows; absent (tools without Temporal): nothing is polled. */
  temporal?: Client;
  followUps?: Pick<FollowUpWorkflows, 'startOperatorAlert'>;
  logger: Logger;
}

/** The operator alert that tells of a held alert, now that it still applies. */
function raisedAlertOf(alert: AlertRecord) {
  if (alert.kind === 'stalled') {
    const episode = alert.details?.lastProgressAt;
    return episode ? ({ kind: 'stall', orderCode: alert.orderCode, episode, state: 'raised' } as const) : undefined;
  }
  const episode = alert.details?.episode;
  return episode ? ({ kind: 'poll_failures', orderCode: alert.orderCode, episode, state: 'raised' } as const) : undefined;
}

/** The steps of a CarrierRecoveryWorkflow: find the carrier's open shipments, poll them, re-evaluate held alerts. */
export function createCarrierRecoveryActivities(deps: CarrierRecoveryActivityDeps) {
  return {
    async countOpenShipments(carrierId: string): Promise<number> {
      return deps.openShipments.count(carrierId);
    },

    async openShipmentsPage(input: { carrierId: string; after?: OpenShipmentCursor; limit: number }) {
      return deps.openShipments.page(input.carrierId, input.after, input.limit);
    },

    /** Asks each shipment's workflow to poll now; one that has ended is skipped. Answers how many were asked. */
    async requestCatchUpPolls(input: { orderCodes: string[] }): Promise<number> {
      if (!deps.temporal) return 0;
      const client = deps.temporal;
      const asked = await Promise.all(
        input.orderCodes.map(async (code) => {
          try {
            await client.workflow.getHandle(shipmentWorkflowId(code)).signal(pollNowSignal);
            return 1;
          } catch (error) {
            if (error instanceof WorkflowNotFoundError) return 0;
            throw error;
          }
        }),
      );
      return asked.reduce<number>((a, b) => a + b, 0);
    },

    /**
     * Ends the recovery: the carrier is healthy again (so new alerts go out at once), then each alert held
     * during the outage is re-evaluated. One still open means the catch-up did not move its shipment (a
     * progressed shipment resolves its stall itself): operators are told now. One whose order has ended is
     * closed quietly. If a new outage began meanwhile, nothing is released: that outage's recovery will.
     */
    async completeCarrierRecovery(input: { carrierId: string; outageSince: string; finishedAt: string }): Promise<Omit<CarrierRecoveryOutcome, 'catchUpPolls'>> {
      const finished = await deps.health.finishRecovery(input.carrierId, input.outageSince, new Date(input.finishedAt));
      const health = await deps.health.get(input.carrierId);
      if (!finished && health?.state !== 'healthy') return { released: 0, dropped: 0, finished: false };
      let released = 0;
      let dropped = 0;
      const held = await deps.alerts.listHeld(input.carrierId);
      // The orders' statuses, read once per order before the loop (a shipment may hold a stall and a
      // poll-failure alert); only the status is read, not the whole order.
      const statuses = await deps.orders.statusesByCode(held.map((alert) => alert.orderCode));
      for (const alert of held) {
        const status = statuses.get(alert.orderCode);
        if (!status || isTerminalStatus(status)) {
          await deps.alerts.dropHeld(alert.key, input.carrierId, new Date(input.finishedAt));
          dropped += 1;
          continue;
        }
        const raised = raisedAlertOf(alert);
        if (!(await deps.alerts.release(alert.key, input.carrierId))) continue;
        if (raised) await deps.followUps?.startOperatorAlert(raised);
        released += 1;
      }
      deps.logger.info('carrier recovery finished', { carrierId: input.carrierId, outageSince: input.outageSince, released, dropped });
      return { released, dropped, finished: true };
    },
  };
}
