/** The pure shipment domain: vocabulary, reducer, milestones, stall and notification policies. */
export * from './apply-events.js';
export * from './event-key.js';
export * from './event-order.js';
export * from './event-window.js';
export * from './ids.js';
export * from './instant.js';
export * from './milestones.js';
export * from './notification-policy.js';
export * from './postal-address.js';
export * from './shipment-state.js';
export * from './shipment-status.js';
export * from './stall-policy.js';
export * from './status-fold.js';
export * from './status-rank.js';
export * from './timeline.js';
export * from './tracking-event.js';
