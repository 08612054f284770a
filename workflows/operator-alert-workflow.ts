/**
 * Tells operators about one alert episode (raised or resolved) once: the workflow id comes from the episode
 * (`operatorAlertWorkflowId`), so a retried start is rejected and a retried activity is the only repeat.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { OperatorAlertInput } from './notification-messages.js';

// The sender never rejects (it reports each target); the retry only covers the activity's own I/O.
const io = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', maximumAttempts: 10 },
});

export async function OperatorAlertWorkflow(input: OperatorAlertInput): Promise<void> {
  await io.sendOperatorAlert(input);
}
