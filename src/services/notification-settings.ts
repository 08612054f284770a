import type { NotificationPreferenceRepository } from '../db/notification-preferences/repository.js';
import type { NotificationRecord, NotificationRepository } from '../db/notifications/repository.js';
import type { NotificationPreferencesRecord } from '../db/orders/order-record.js';
import type { OrderRepository } from '../db/orders/repository.js';
import { ServiceError } from './service-error.js';

/** An order's notification settings as the storefront reads them, with what was sent so far. */
export interface NotificationSettingsView {
  orderCode: string;
  preferences: NotificationPreferencesRecord;
  /** Channels the customer left (STOP, unsubscribe link): nothing is sent on them whatever the order says. */
  optedOut: string[];
  /** The order's messages: each request and how it ended (sent, skipped with why, failed with why). */
  messages: Array<Pick<NotificationRecord, 'key' | 'trigger' | 'channel' | 'status' | 'attempts' | 'requestedAt'> & Partial<Pick<NotificationRecord, 'sentAt' | 'reason' | 'error' | 'deliveryState' | 'notBefore' | 'failoverOf'>>>;
}

/** Reads an order's notification settings and log (the storefront's GET; the PUT is a shipment action). */
export function createNotificationSettings(deps: { orders: OrderRepository; preferences: NotificationPreferenceRepository; notifications: NotificationRepository }) {
  return {
    async get(code: string): Promise<NotificationSettingsView> {
      const order = await deps.orders.findByCode(code);
      if (!order) throw new ServiceError('NOT_FOUND', `No order ${code}.`);
      const [optedOut, log] = await Promise.all([deps.preferences.optOuts(order.customerId), deps.notifications.listForOrder(code)]);
      return {
        orderCode: code,
        preferences: order.notificationPreferences,
        optedOut,
        // No provider ids: they are the shop's business with its providers, not the storefront's.
        messages: log.map(({ key, trigger, channel, status, attempts, requestedAt, sentAt, reason, error, deliveryState, notBefore, failoverOf }) => ({
          key, trigger, channel, status, attempts, requestedAt,
          ...(sentAt ? { sentAt } : {}), ...(reason ? { reason } : {}), ...(error ? { error } : {}),
          ...(deliveryState ? { deliveryState } : {}), ...(notBefore ? { notBefore } : {}), ...(failoverOf ? { failoverOf } : {}),
        })),
      };
    },
  };
}

export type NotificationSettings = ReturnType<typeof createNotificationSettings>;
