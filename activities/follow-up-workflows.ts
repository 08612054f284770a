import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { NotificationBatchWorkflow } from '../workflows/notification-batch-workflow.js';
import type { NotificationFollowUpWorkflow } from '../workflows/notification-follow-up.js';
import type { NotificationWorkflow } from '../workflows/notification-workflow.js';
import type { OperatorAlertWorkflow } from '../workflows/operator-alert-workflow.js';
import type { CarrierRecoveryWorkflow } from '../workflows/carrier-recovery-workflow.js';
import { carrierRecoveryWorkflowId, type CarrierRecoveryInput } from '../workflows/carrier-recovery-messages.js';
import {
  notificationBatchWorkflowId,
  notificationWorkflowId,
  operatorAlertWorkflowId,
  type FirstAttemptOutcome,
  type OperatorAlertInput,
} from '../workflows/notification-messages.js';

/** Starts of the workflows the read-model writes lead to; each exactly once by its business id. */
export interface FollowUpWorkflows {
  /** Starts the NotificationBatchWorkflow of one revision's requests (all keys of the revision, every time). */
  startNotifications(keys: readonly string[]): Promise<void>;
  /** One message on its own (a failover): a batch of one. */
  startNotification(key: string): Promise<void>;
  /**
   * The messages a revision's read-model write left (held, to retry, failed for good), under `workflowId`
   * (the revision's first key): one NotificationFollowUpWorkflow per revision.
   */
  startNotificationFollowUp(workflowId: string, outcomes: readonly FirstAttemptOutcome[]): Promise<void>;
  startOperatorAlert(input: OperatorAlertInput): Promise<void>;
  /** The catch-up after one outage of a carrier (once per outage episode). */
  startCarrierRecovery(input: CarrierRecoveryInput): Promise<void>;
}

/** Starts by id with REJECT_DUPLICATE; "already started" means a retried activity got there before. */
export function createFollowUpWorkflows(client: Client, taskQueue: string): FollowUpWorkflows {
  /** Starts a workflow by id; false when the id is taken (a retried activity, or an earlier release's run). */
  async function once(start: () => Promise<unknown>): Promise<boolean> {
    try {
      await start();
      return true;
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      return false;
    }
  }
  const startOne = (key: string) =>
    once(() =>
      client.workflow.start<typeof NotificationWorkflow>('NotificationWorkflow', {
        workflowId: notificationWorkflowId(key),
        taskQueue,
        args: [key],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      }),
    );

  async function startNotifications(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    const workflowId = notificationBatchWorkflowId(keys);
    const started = await once(() =>
      client.workflow.start<typeof NotificationBatchWorkflow>('NotificationBatchWorkflow', { workflowId, taskQueue, args: [[...keys]], workflowIdReusePolicy: 'REJECT_DUPLICATE' }),
    );
    // The id is taken: by this batch (a retried write), or, when an attempt of the write ran on an earlier
    // release, by that release's per-message workflow of the first key; then the others go that way too, so
    // each key still has exactly one workflow.
    if (started || keys.length === 1) return;
    const existing = await client.workflow.getHandle(workflowId).describe();
    if (existing.type === 'NotificationWorkflow') await Promise.all(keys.slice(1).map(startOne));
  }

  return {
    startNotifications,
    startNotification: (key) => startNotifications([key]),
    startNotificationFollowUp: async (workflowId, outcomes) => {
      await once(() =>
        client.workflow.start<typeof NotificationFollowUpWorkflow>('NotificationFollowUpWorkflow', {
          workflowId,
          taskQueue,
          args: [[...outcomes]],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      );
    },
    startOperatorAlert: async (input) => {
      await once(() =>
        client.workflow.start<typeof OperatorAlertWorkflow>('OperatorAlertWorkflow', {
          workflowId: operatorAlertWorkflowId(input),
          taskQueue,
          args: [input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      );
    },
    startCarrierRecovery: async (input) => {
      await once(() =>
        client.workflow.start<typeof CarrierRecoveryWorkflow>('CarrierRecoveryWorkflow', {
          workflowId: carrierRecoveryWorkflowId(input.carrierId, input.outageSince),
          taskQueue,
          args: [input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      );
    },
  };
}
