import type { CarrierId } from '../carriers/carrier-adapter.js';
import type { NotificationChannel, NotificationTrigger } from '../domain/notification-policy.js';
import type { PostalAddress } from '../domain/postal-address.js';

/**
 * A new order as order intake takes it, whoever sends it (the storefront API maps its body to this).
 * Field names follow the API body on purpose: the idempotency check hashes this input, and orders stored
 * before this type existed were hashed over the body, so a retry of one still matches.
 */
export interface PlaceOrderInput {
  orderCode: string;
  /** ISO instant; defaults to the time of intake. */
  placedAt?: string;
  /** `timeZone`: the customer's IANA zone (delivery dates are on their calendar). */
  customer: { email: string; name?: string; phone?: string; externalId?: string; timeZone?: string };
  items: Array<{ sku: string; name: string; quantity: number; unitPriceCents?: number; weightGrams?: number }>;
  shippingAddress: PostalAddress;
  currency?: string;
  totalCents?: number;
  shipping: { carrier?: CarrierId; serviceLevel?: string; trackingNumber?: string };
  /** Absent: the customer's standing choice applies (email in English for a new customer). */
  notifications?: { channels: NotificationChannel[]; triggers?: NotificationTrigger[]; language: string };
}
