import type { Client } from '@temporalio/client';
import { getStateQuery, type ShipmentWorkflowState } from '../../workflows/shipment-messages.js';
import type { DbConnection } from '../../src/db/connection.js';
import { createNotificationRepository } from '../../src/db/notifications/repository.js';
import { createOrderRepository } from '../../src/db/orders/repository.js';
import { createWebhookInboxRepository } from '../../src/db/webhook-inbox/repository.js';
import { createProjectionRepository } from '../../src/db/shipments/projection-repository.js';
import { shipmentWorkflowId } from '../../src/domain/ids.js';
import { mapWithConcurrency } from '../../src/util/map-with-concurrency.js';
import type { Ledger } from './ledger.js';

/** Milestones that announce themselves (DEFAULT_TRIGGERS), and the channels every chaos order asks for. */
const ANNOUNCED = ['shipped', 'out_for_delivery', 'delivered'] as const;
const CHANNELS = ['email', 'sms'] as const;

/** One accepted request that is not where it should be, or is there twice. */
export interface Finding {
  kind: 'order' | 'webhook' | 'notification';
  /** Epoch ms of its 2xx answer (notifications: of the order's last accepted webhook). */
  acceptedAt: number;
  /**
   * `owed`: not there yet, and the system knows it still owes it (its inbox entry waits to be relayed, the
   * order's workflow start is pending, or the read model is behind its workflow): late, not lost.
   */
  problem: 'lost-workflow' | 'lost-read-model' | 'owed' | 'duplicated' | 'missing' | 'unexpected';
  detail: string;
}

export interface Verification {
  checked: { orders: number; webhooks: number; milestones: number; notifications: number };
  findings: Finding[];
  /** Webhooks never answered 2xx whose event nevertheless reached the order (harmless: the carrier re-sent it). */
  appliedUnanswered: number;
}

/**
 * The final accounting: every order answered 2xx has a running workflow and a projected read-model
 * order; every webhook answered 2xx is in its workflow's events (getState) and in the read model's
 * timeline exactly once; every milestone the workflow reached has one notification request per channel
 * (`notify:<order>:<trigger>:<channel>`), and no request exists for a milestone not reached.
 */
export async function verifyRun(ledger: Ledger, mongo: DbConnection, temporal: Client): Promise<Verification> {
  const orders = createOrderRepository(mongo);
  const projections = createProjectionRepository(mongo);
  const notifications = createNotificationRepository(mongo);
  const inbox = createWebhookInboxRepository(mongo);
  /** Why an accepted webhook is not in its workflow: still in the inbox (owed), or relayed and gone. */
  const whereIs = async (inboxId: string | undefined): Promise<{ owed: boolean; detail: string }> => {
    if (!inboxId) return { owed: false, detail: 'answered 200 duplicate, no inbox entry named' };
    const entry = await inbox.findById(inboxId);
    if (!entry) return { owed: false, detail: `inbox entry ${inboxId} not found` };
    return { owed: entry.status === 'pending' || entry.status === 'retry', detail: `inbox entry ${inboxId} ${entry.status}, deliveries ${entry.deliveries.map((d) => d.state).join('/')}` };
  };
  const findings: Finding[] = [];
  const checked = { orders: 0, webhooks: 0, milestones: 0, notifications: 0 };
  let appliedUnanswered = 0;
  const hooksByOrder = new Map<string, string[]>();
  for (const w of ledger.webhooks.values()) hooksByOrder.set(w.orderCode, [...(hooksByOrder.get(w.orderCode) ?? []), w.eventId]);

  const accepted = [...ledger.orders.values()].filter((o) => o.acceptedAt !== undefined);
  await mapWithConcurrency(accepted, 4, async (order) => {
    checked.orders += 1;
    const at = order.acceptedAt!;
    const readModel = await orders.findByCode(order.code);
    const state = await temporal.workflow
      .getHandle(shipmentWorkflowId(order.code))
      .query(getStateQuery)
      .catch((err: unknown): ShipmentWorkflowState | undefined => {
        const pending = readModel !== null && readModel.workflowStartedAt === undefined;
        findings.push({ kind: 'order', acceptedAt: at, problem: pending ? 'owed' : 'lost-workflow', detail: `${order.code}: ${err instanceof Error ? err.message : String(err)}` });
        return undefined;
      });
    /** The read model has not yet taken every revision the workflow made: what is missing there is owed. */
    const readModelBehind = state !== undefined && (readModel?.revision ?? 0) < state.revision;
    if ((readModel?.revision ?? 0) < 1) findings.push({ kind: 'order', acceptedAt: at, problem: readModelBehind ? 'owed' : 'lost-read-model', detail: `${order.code} not projected` });

    const inWorkflow = new Map<string, number>();
    for (const e of state?.domain.events ?? []) if (e.carrierEventId) inWorkflow.set(e.carrierEventId, (inWorkflow.get(e.carrierEventId) ?? 0) + 1);
    const keys = new Set(state?.domain.eventKeys ?? []);
    const inReadModel = new Map<string, number>();
    for (const e of await projections.listEvents(order.code)) {
      const id = e.carrierEventId as string | undefined;
      if (id) inReadModel.set(id, (inReadModel.get(id) ?? 0) + 1);
    }
    let lastAcceptedAt = at;
    for (const id of hooksByOrder.get(order.code) ?? []) {
      const hook = ledger.webhooks.get(id)!;
      if (hook.acceptedAt === undefined) {
        if (keys.has(`id:${id}`)) appliedUnanswered += 1;
        continue;
      }
      checked.webhooks += 1;
      lastAcceptedAt = Math.max(lastAcceptedAt, hook.acceptedAt);
      const seen = { acceptedAt: hook.acceptedAt, kind: 'webhook' as const };
      if (state && !keys.has(`id:${id}`)) {
        const where = await whereIs(hook.inboxId);
        findings.push({ ...seen, problem: where.owed ? 'owed' : 'lost-workflow', detail: `${hook.code} ${id} of ${order.code}: ${where.detail}` });
      }
      if ((inWorkflow.get(id) ?? 0) > 1) findings.push({ ...seen, problem: 'duplicated', detail: `${hook.code} ${id} ${inWorkflow.get(id)}× in the workflow's events` });
      const n = inReadModel.get(id) ?? 0;
      if (n === 0 && keys.has(`id:${id}`)) findings.push({ ...seen, problem: readModelBehind ? 'owed' : 'lost-read-model', detail: `${hook.code} ${id} of ${order.code}` });
      if (n > 1) findings.push({ ...seen, problem: 'duplicated', detail: `${hook.code} ${id} ${n}× in the timeline` });
    }

    if (!state) return;
    const expected = new Set(
      ANNOUNCED.filter((m) => state.domain.milestoneAt[m] !== undefined).flatMap((m) => CHANNELS.map((c) => `notify:${order.code}:${m}:${c}`)),
    );
    checked.milestones += expected.size / CHANNELS.length;
    const recorded = (await notifications.listForOrder(order.code)).map((n) => n.key);
    checked.notifications += recorded.length;
    const note = (problem: Finding['problem'], detail: string) => findings.push({ kind: 'notification', acceptedAt: lastAcceptedAt, problem, detail });
    for (const key of expected) if (!recorded.includes(key)) note(readModelBehind ? 'owed' : 'missing', key);
    for (const key of new Set(recorded)) if (!expected.has(key)) note('unexpected', key);
    if (new Set(recorded).size !== recorded.length) note('duplicated', `${order.code}: ${recorded.length} requests, ${new Set(recorded).size} keys`);
  });
  return { checked, findings, appliedUnanswered };
}
