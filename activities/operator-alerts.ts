import type { AlertRepository } from '../src/db/alerts/repository.js';
import type { CarrierHealthRepository } from '../src/db/carrier-health/repository.js';
import type { OrderRepository } from '../src/db/orders/repository.js';
import { CARRIER_CATALOG } from '../src/carriers/catalog.js';
import { isCarrierId } from '../src/carriers/carrier-adapter.js';
import type { OperatorAlertSender } from '../src/notifications/operators/operator-alerts.js';
import type { OperatorAlert } from '../src/notifications/templates/index.js';
import type { Logger } from '../src/observability/logger.js';
import { operatorAlertWorkflowId, type OperatorAlertInput } from '../workflows/notification-messages.js';

export interface OperatorAlertActivityDeps {
  /** Absent when neither OPS_ALERT_EMAILS nor OPS_ALERT_WEBHOOK_URL is set. */
  sender?: OperatorAlertSender;
  orders: OrderRepository;
  alerts: AlertRepository;
  /** For the outage alert's figures (failures, last error). */
  carrierHealth?: Pick<CarrierHealthRepository, 'get'>;
  publicBaseUrl: string;
  pollFailureAlertAfter: number;
  logger: Logger;
  now: () => Date;
}

function carrierName(id: string): string {
  return isCarrierId(id) ? CARRIER_CATALOG[id].displayName : id;
}

/** Tells operators about one alert episode; the OperatorAlertWorkflow runs it once per episode and state. */
export function createOperatorAlertActivities(deps: OperatorAlertActivityDeps) {
  async function alertOf(input: OperatorAlertInput): Promise<OperatorAlert> {
    const at = deps.now().toISOString();
    if (input.kind === 'carrier_outage') {
      const carrier = carrierName(input.carrierId);
      if (input.state === 'resolved') {
        const ended = { kind: 'resolved', episode: 'carrier_outage', subject: carrier, since: input.episode, at: input.endedAt ?? at } as const;
        return input.openShipments !== undefined ? { ...ended, openShipments: input.openShipments } : ended;
      }
      const health = await deps.carrierHealth?.get(input.carrierId);
      return {
        kind: 'carrier_outage',
        carrierName: carrier,
        since: input.episode,
        consecutiveFailures: health?.consecutiveFailures ?? 0,
        lastError: health?.lastError ?? 'look-up failed',
        circuitOpen: health?.circuitOpenAt !== undefined,
        at,
      };
    }
    if (input.state === 'resolved') {
      if (input.kind === 'stall') return { kind: 'resolved', episode: 'stall', subject: input.orderCode, since: input.episode, at: input.endedAt ?? at };
      const [run] = await deps.alerts.list({ orderCode: input.orderCode, kind: 'poll_failure' });
      return { kind: 'resolved', episode: 'poll_failures', subject: input.orderCode, since: run?.openedAt ?? input.episode, at: input.endedAt ?? at };
    }
    const order = await deps.orders.findByCode(input.orderCode);
    const carrier = carrierName(order?.carrierId ?? 'unknown');
    if (input.kind === 'stall') {
      return {
        kind: 'stall',
        orderCode: input.orderCode,
        carrierName: carrier,
        trackingNumber: order?.trackingNumber ?? '(none yet)',
        lastProgressAt: input.episode,
        at,
        adminUrl: `${deps.publicBaseUrl}/admin/orders/${encodeURIComponent(input.orderCode)}`,
      };
    }
    const [open] = await deps.alerts.list({ orderCode: input.orderCode, kind: 'poll_failure', status: 'open' });
    return {
      kind: 'poll_failures',
      carrierName: carrier,
      orderCode: input.orderCode,
      consecutiveFailures: Math.max(deps.pollFailureAlertAfter, open?.occurrences ?? 0),
      // The run's first failure (the record restarts with each run), else the failure that crossed the threshold.
      since: open?.openedAt ?? input.episode,
      lastError: open?.message ?? 'poll failed',
      affectedShipments: 1,
      at,
    };
  }

  return {
    async sendOperatorAlert(input: OperatorAlertInput): Promise<void> {
      if (!deps.sender) {
        deps.logger.info('operator alert not sent: no OPS_ALERT_EMAILS or OPS_ALERT_WEBHOOK_URL', { ...input });
        return;
      }
      const result = await deps.sender.send(operatorAlertWorkflowId(input), await alertOf(input));
      const failures = [result.email, result.chat].filter((r) => r && !r.ok);
      const targets = [result.email, result.chat].filter((r) => r !== undefined);
      deps.logger.info('operator alert sent', { ...input, targets: targets.length, failures: failures.length });
      // Every target failed: retry (the workflow's policy bounds it). One target through is enough.
      if (targets.length > 0 && failures.length === targets.length) throw new Error('operator alert reached no target');
    },
  };
}
