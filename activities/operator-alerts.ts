import type { AlertRepository } from '../src/db/alerts/repository.js';
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
    if (input.state === 'resolved') return { kind: 'resolved', episode: input.kind, subject: input.orderCode, since: input.episode, at };
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
      consecutiveFailures: deps.pollFailureAlertAfter,
      since: input.episode,
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
