/** Workflow exports only: this file is the entry point of the workflow bundle. */
export { ShipmentWorkflow } from './shipment-workflow.js';
export { NotificationFollowUpWorkflow } from './notification-follow-up.js';
// Runs of earlier releases (a batch per revision) and failover messages (a batch of one).
export { NotificationBatchWorkflow } from './notification-batch-workflow.js';
// Kept for the runs an earlier release started (one per message); new messages go in batches.
export { NotificationWorkflow } from './notification-workflow.js';
export { OperatorAlertWorkflow } from './operator-alert-workflow.js';
export { CarrierRecoveryWorkflow } from './carrier-recovery-workflow.js';
export { DeliveryFailoverWorkflow } from './delivery-failover-workflow.js';
