import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { NotificationWorkflow } from '../workflows/notification-workflow.js';
import type { OperatorAlertWorkflow } from '../workflows/operator-alert-workflow.js';
import type { CarrierRecoveryWorkflow } from '../workflows/carrier-recovery-workflow.js';
import { carrierRecoveryWorkflowId, type CarrierRecoveryInput } from '../workflows/carrier-recovery-messages.js';
import { notificationWorkflowId, operatorAlertWorkflowId, type OperatorAlertInput } from '../workflows/notification-messages.js';

/** Starts of the workflows the read-model writes lead to; each exactly once by its business id. */
export interface FollowUpWorkflows {
  startNotification(key: string): Promise<void>;
  startOperatorAlert(input: OperatorAlertInput): Promise<void>;
  /** The catch-up after one outage of a carrier (once per outage episode). */
  startCarrierRecovery(input: CarrierRecoveryInput): Promise<void>;
}

/** Starts by id with REJECT_DUPLICATE; "already started" means a retried activity got there before. */
export function createFollowUpWorkflows(client: Client, taskQueue: string): FollowUpWorkflows {
  async function once(start: () => Promise<unknown>): Promise<void> {
    try {
      await start();
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
  return {
    startNotification: (key) =>
      once(() =>
        client.workflow.start<typeof NotificationWorkflow>('NotificationWorkflow', {
          workflowId: notificationWorkflowId(key),
          taskQueue,
          args: [key],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      ),
    startOperatorAlert: (input) =>
      once(() =>
        client.workflow.start<typeof OperatorAlertWorkflow>('OperatorAlertWorkflow', {
          workflowId: operatorAlertWorkflowId(input),
          taskQueue,
          args: [input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      ),
    startCarrierRecovery: (input) =>
      once(() =>
        client.workflow.start<typeof CarrierRecoveryWorkflow>('CarrierRecoveryWorkflow', {
          workflowId: carrierRecoveryWorkflowId(input.carrierId, input.outageSince),
          taskQueue,
          args: [input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      ),
  };
}
