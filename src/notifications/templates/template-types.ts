import type { NotificationTrigger } from '../../domain/notification-policy.js';

/** What a customer message is about: every policy trigger plus a changed estimated delivery date. */
export type MessageKind = NotificationTrigger | 'eta_changed';

export const TEMPLATE_LANGUAGES = ['en', 'tr'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

/** A language tag (`tr-TR`, `en`, `de`) narrowed to a template language; English when there is none. */
export function templateLanguage(tag: string | undefined): TemplateLanguage {
  const base = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return (TEMPLATE_LANGUAGES as readonly string[]).includes(base ?? '') ? (base as TemplateLanguage) : 'en';
}

/** Everything a customer message may say. Plain data: the caller looks it up, templates only format. */
export interface CustomerMessageContext {
  kind: MessageKind;
  language: TemplateLanguage;
  /** The shop's name, shown as the sender in texts and the email heading. */
  shopName: string;
  orderCode: string;
  /** Estimated delivery as calendar dates `YYYY-MM-DD` in the customer's zone (see `localDate`). */
  estimatedDelivery?: { from: string; to?: string };
  carrier?: { name: string; trackingNumber?: string; trackingUrl?: string };
  /** The customer's secure tracking page (`/t/:token`). */
  trackingPageUrl: string;
  /** One-click unsubscribe page for this customer (email footer, List-Unsubscribe). */
  unsubscribeUrl: string;
  /** Free text from the carrier for exceptions and attempts ("address incomplete"), shown as given. */
  detail?: string;
  /** Where a parcel waits (ready for pickup). */
  pickupLocation?: string;
}

/** A rendered email. */
export interface EmailContent {
  subject: string;
  html: string;
  text: string;
}

/** A rendered SMS and how it is sent. */
export interface SmsContent {
  body: string;
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
}

/** A rendered push notification (shown by the service worker). */
export interface PushContent {
  title: string;
  body: string;
  /** Opened on click. */
  url: string;
  /** Same tag replaces an older notification of the order on the device. */
  tag: string;
}
