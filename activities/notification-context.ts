import type { Customer } from '../src/db/customers/repository.js';
import type { OrderRecord } from '../src/db/orders/order-record.js';
import type { EffectivePreferences } from '../src/domain/notification-decision.js';
import type { NotificationTrigger } from '../src/domain/notification-policy.js';
import { localDate, templateLanguage, type CustomerMessageContext } from '../src/notifications/templates/index.js';
import { signUnsubscribeToken } from '../src/notifications/unsubscribe-token.js';
import { toOrderView } from '../src/services/queries/order-view.js';

/** What message texts are built from besides the order: the installation's settings. */
export interface MessageSettings {
  shopName: string;
  publicBaseUrl: string;
  unsubscribeSecret: string;
  /** Signs the order's tracking-page link (absent: the legacy `/t/<trackingToken>` link). */
  trackingPageUrl?: (orderCode: string) => string;
}

/** The order's own preferences over the customer's standing ones (time zone and quiet hours fall back). */
export function effectivePreferences(order: OrderRecord, customerPrefs: EffectivePreferences | null): EffectivePreferences & { language: string } {
  const own = order.notificationPreferences;
  const timeZone = own.timeZone ?? customerPrefs?.timeZone;
  const quietHours = own.quietHours ?? customerPrefs?.quietHours;
  return {
    channels: own.channels,
    ...(own.triggers ? { triggers: own.triggers } : {}),
    language: own.language,
    ...(timeZone ? { timeZone } : {}),
    ...(quietHours ? { quietHours } : {}),
  };
}

/** The unsubscribe link of one customer and channel (signed, see unsubscribe-token.ts). */
export function unsubscribeUrl(settings: MessageSettings, customerId: string, channel: 'email' | 'sms' | 'push'): string {
  return `${settings.publicBaseUrl}/unsubscribe/${signUnsubscribeToken(settings.unsubscribeSecret, { customerId, channel })}`;
}

/** Everything a template may say about this order, looked up here so templates stay pure. */
export function messageContext(
  settings: MessageSettings,
  order: OrderRecord,
  customer: Customer,
  trigger: NotificationTrigger,
  channel: 'email' | 'sms' | 'push',
  prefs: { language: string; timeZone?: string },
): CustomerMessageContext {
  // The order view is the one place that builds the customer's links (the tracking page link included).
  const view = toOrderView(order, { publicBaseUrl: settings.publicBaseUrl, ...(settings.trackingPageUrl ? { trackingPageUrl: settings.trackingPageUrl } : {}) });
  const day = (iso: string) => (prefs.timeZone && iso.length > 10 ? localDate(iso, prefs.timeZone) : iso.slice(0, 10));
  const eta = order.estimatedDelivery;
  const from = eta?.earliest ?? eta?.date;
  const to = eta?.latest;
  return {
    kind: trigger,
    language: templateLanguage(prefs.language),
    shopName: settings.shopName,
    orderCode: order.code,
    ...(from && trigger !== 'delivered' ? { estimatedDelivery: { from: day(from), ...(to && day(to) !== day(from) ? { to: day(to) } : {}) } } : {}),
    carrier: {
      name: view.carrier.name,
      ...(view.carrier.trackingNumber ? { trackingNumber: view.carrier.trackingNumber } : {}),
      ...(view.carrier.trackingUrl ? { trackingUrl: view.carrier.trackingUrl } : {}),
    },
    trackingPageUrl: view.trackingPageUrl,
    unsubscribeUrl: unsubscribeUrl(settings, customer.id, channel),
    ...(order.subStatus && (trigger === 'exception' || trigger === 'delivery_attempted') ? { detail: order.subStatus } : {}),
  };
}
