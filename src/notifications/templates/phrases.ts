import type { MessageKind } from './template-types.js';

/** The words of one language. Functions take already formatted values; nothing here escapes HTML. */
export interface Phrases {
  /** The milestone in words, e.g. "Out for delivery". */
  milestone: Record<MessageKind, string>;
  /** A sentence naming the order and what happened: subject line, heading, SMS and push text. */
  headline: Record<MessageKind, (orderCode: string) => string>;
  /** One or two sentences more for the email body; `carrier` is the carrier's name when known. */
  explanation: Record<MessageKind, (carrier: string | undefined) => string>;
  estimatedDelivery: (dateWords: string) => string;
  /** SMS form of the estimate, as short as the language allows. */
  smsEstimate: (dateWords: string) => string;
  carrierLine: (carrier: string, trackingNumber: string | undefined) => string;
  pickupAt: (location: string) => string;
  carrierDetail: (detail: string) => string;
  trackButton: string;
  trackOnCarrier: (carrier: string) => string;
  /** SMS prefix of the tracking link. */
  smsTrack: string;
  /** SMS opt-out hint. */
  smsStop: string;
  unsubscribe: string;
  whyYouGetThis: (shopName: string) => string;
  statusLabel: string;
  orderLabel: string;
}
