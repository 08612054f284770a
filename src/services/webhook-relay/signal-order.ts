import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { ShipmentWorkflow } from '../../../workflows/shipment-workflow.js';
import { carrierEventsBatchSignal, carrierEventsSignal, type CarrierEventsPayload } from '../../../workflows/shipment-messages.js';
import type { RelayTarget } from '../../db/orders/order-record.js';
import type { OrderRepository } from '../../db/orders/repository.js';
import type { WorkflowStarter } from '../workflow-starter.js';
import { SIGNAL_DEADLINE_MS } from './relay-policy.js';

/**
 * Signals the order's workflow with the parts of a batch that are its: one part as `carrierEvents`, more
 * as one `carrierEventsBatch`. A plain signal when the order records that its workflow started (the common
 * case, and about half the cost of signal-with-start for Temporal and for us); signal-with-start when it
 * did not, or when the plain signal finds no running workflow, so a webhook that races the workflow's
 * start is never lost. Returns the deliveries' state: `delivered`, or `closed` when the workflow has
 * finished (delivered and past its grace period).
 */
export function createOrderSignaller(deps: { temporal: Client; orders: OrderRepository; workflows: WorkflowStarter }) {
  return async function signalOrder(order: RelayTarget, parts: CarrierEventsPayload[]): Promise<'delivered' | 'closed'> {
    const single = parts.length === 1;
    const signalWithStart = async () => {
      // The start needs the whole order (its workflow's input); only this rare path reads it.
      const full = await deps.orders.findByCode(order.code);
      if (!full) throw new Error(`order ${order.code} is gone`);
      const options = deps.workflows.startOptions(full);
      return single
        ? deps.temporal.workflow.signalWithStart(ShipmentWorkflow, { ...options, signal: carrierEventsSignal, signalArgs: [parts[0]!] })
        : deps.temporal.workflow.signalWithStart(ShipmentWorkflow, { ...options, signal: carrierEventsBatchSignal, signalArgs: [{ parts }] });
    };
    try {
      await deps.temporal.withDeadline(Date.now() + SIGNAL_DEADLINE_MS, async () => {
        if (!order.workflowStartedAt) return signalWithStart();
        try {
          const handle = deps.temporal.workflow.getHandle(order.workflowId);
          await (single ? handle.signal(carrierEventsSignal, parts[0]!) : handle.signal(carrierEventsBatchSignal, { parts }));
        } catch (err) {
          if (!(err instanceof WorkflowNotFoundError)) throw err;
          await signalWithStart();
        }
      });
      return 'delivered';
    } catch (err) {
      // REJECT_DUPLICATE: the shipment's workflow has finished (delivered and past its grace period).
      if (err instanceof WorkflowExecutionAlreadyStartedError) return 'closed';
      throw err;
    }
  };
}

export type SignalOrder = ReturnType<typeof createOrderSignaller>;
