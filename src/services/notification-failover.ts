import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { DeliveryFailoverWorkflow } from '../../workflows/delivery-failover-workflow.js';
import { deliveryFailoverWorkflowId } from '../../workflows/notification-messages.js';
import { ServiceError } from './service-error.js';

/** A callback answers Twilio within its 15 s; after this an unreachable Temporal is a 503 to retry. */
const START_DEADLINE_MS = 3_000;

/**
 * Starts the DeliveryFailoverWorkflow of an undelivered message, once: its id comes from the message's key
 * and REJECT_DUPLICATE refuses a second start ("already started" is success). Durable once Temporal has it;
 * an unreachable Temporal is TEMPORAL_UNAVAILABLE, so the callback is answered 503 rather than accepted and
 * lost (the delivery state is stored first, and a repeated callback starts the failover then).
 */
export function createDeliveryFailoverStarter(temporal: Client, taskQueue: string): (key: string) => Promise<void> {
  return async (key) => {
    try {
      await temporal.withDeadline(Date.now() + START_DEADLINE_MS, () =>
        temporal.workflow.start<typeof DeliveryFailoverWorkflow>('DeliveryFailoverWorkflow', {
          workflowId: deliveryFailoverWorkflowId(key),
          taskQueue,
          args: [key],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      );
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return;
      throw new ServiceError('TEMPORAL_UNAVAILABLE', 'Workflow service unreachable; retry shortly.');
    }
  };
}
