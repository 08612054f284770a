import type { ApplyResult } from './apply-events.js';
import type { Milestone, ShipmentStatus } from './shipment-status.js';

/** Moments a customer can be told about. */
export const NOTIFICATION_TRIGGERS = [
  'order_received',
  'shipped',
  'out_for_delivery',
  'delivery_attempted',
  'available_for_pickup',
  'exception',
  'delivered',
  'returned_to_sender',
  'cancelled',
] as const;
export type NotificationTrigger = (typeof NOTIFICATION_TRIGGERS)[number];

export const NOTIFICATION_CHANNELS = ['email', 'sms', 'push'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** A customer's (or shop's default) choice of channels and moments. */
export interface NotificationPreferences {
  channels: NotificationChannel[];
  /** Undefined means `DEFAULT_TRIGGERS`; an empty list means none. */
  triggers?: NotificationTrigger[];
  /** Template language (e.g. `en`, `de`); not used by the policy itself. */
  language?: string;
}

/**
 * Triggers on unless the customer chose otherwise. `order_received` is off: the shop's own order
 * confirmation already says it; `cancelled` is off: the shop tells the customer why.
 */
export const DEFAULT_TRIGGERS: NotificationTrigger[] = [
  'shipped',
  'out_for_delivery',
  'delivery_attempted',
  'available_for_pickup',
  'exception',
  'delivered',
  'returned_to_sender',
];

const MILESTONE_TRIGGERS: Partial<Record<Milestone, NotificationTrigger>> = {
  shipped: 'shipped',
  out_for_delivery: 'out_for_delivery',
  delivered: 'delivered',
};

const SIDE_TRIGGERS: Partial<Record<ShipmentStatus, NotificationTrigger>> = {
  exception: 'exception',
  delivery_attempted: 'delivery_attempted',
  available_for_pickup: 'available_for_pickup',
  returned_to_sender: 'returned_to_sender',
  cancelled: 'cancelled',
};

/**
 * Triggers of one reducer step, in timeline order: milestones newly reached, then the side state the display
 * entered. A side state fires on entering it, not while staying in it, so a run of exception scans is one
 * exception episode and one message.
 */
export function triggersForTransition(result: ApplyResult): NotificationTrigger[] {
  const triggers: NotificationTrigger[] = [];
  for (const m of result.reachedMilestones) {
    const trigger = MILESTONE_TRIGGERS[m];
    if (trigger !== undefined) triggers.push(trigger);
  }
  const side = SIDE_TRIGGERS[result.to];
  if (side !== undefined && result.statusChanged && !triggers.includes(side)) triggers.push(side);
  return triggers;
}

/**
 * Idempotency key of one message, from business identity only: `notify:<orderCode>:<trigger>:<channel>`.
 * Exceptions can recur, so episodes after the first carry their number (`notify:A1:exception#2:email`); the
 * first keeps the plain form so a key never changes meaning between releases.
 */
export function notificationKey(
  orderCode: string,
  trigger: NotificationTrigger,
  channel: NotificationChannel,
  exceptionEpisode = 1,
): string {
  const name = trigger === 'exception' && exceptionEpisode > 1 ? `exception#${exceptionEpisode}` : trigger;
  return `notify:${orderCode}:${name}:${channel}`;
}

/** One message to send: store `key` in a unique index before sending. */
export interface NotificationRequest {
  key: string;
  trigger: NotificationTrigger;
  channel: NotificationChannel;
}

/**
 * Messages for the given triggers that the preferences allow, one per trigger and channel, in trigger then
 * channel order. `exceptionEpisode` numbers the exception key (see `notificationKey`).
 */
export function notificationRequests(
  orderCode: string,
  triggers: readonly NotificationTrigger[],
  prefs: NotificationPreferences,
  exceptionEpisode = 1,
): NotificationRequest[] {
  const wanted = new Set(prefs.triggers ?? DEFAULT_TRIGGERS);
  const channels = [...new Set(prefs.channels)];
  return [...new Set(triggers)]
    .filter((trigger) => wanted.has(trigger))
    .flatMap((trigger) =>
      channels.map((channel) => {
        const key = notificationKey(orderCode, trigger, channel, exceptionEpisode);
        return { key, trigger, channel };
      }),
    );
}

/** `triggersForTransition` + `notificationRequests`, numbering exceptions from the resulting state. */
export function notificationsForTransition(
  orderCode: string,
  result: ApplyResult,
  prefs: NotificationPreferences,
): NotificationRequest[] {
  return notificationRequests(orderCode, triggersForTransition(result), prefs, result.state.exceptionEpisodes);
}
