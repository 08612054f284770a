import { signToken, verifyToken, type LinkKey, type VerifyResult } from './signed-token.js';

/** Settings of the secure links (from the app's config; see src/web/README.md). */
export interface LinkSettings {
  /** First key signs, all verify. */
  keys: readonly LinkKey[];
  /** Lifetime of a tracking link; default 30 days. */
  trackingLinkTtlMs: number;
  /** Keys the storefront signs "My Orders" customer tokens with (shared secret); may equal `keys`. */
  customerKeys: readonly LinkKey[];
}

export const DEFAULT_TRACKING_LINK_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export interface TrackingClaims {
  /** Order code the link opens. */
  o: string;
}

export interface CustomerClaims {
  /** The customer's id (the read model's customer id). */
  u: string;
}

const isTrackingClaims = (v: unknown): v is TrackingClaims =>
  typeof v === 'object' && v !== null && typeof (v as TrackingClaims).o === 'string' && (v as TrackingClaims).o.length > 0;

const isCustomerClaims = (v: unknown): v is CustomerClaims =>
  typeof v === 'object' && v !== null && typeof (v as CustomerClaims).u === 'string' && (v as CustomerClaims).u.length > 0;

/** A tracking link token for one order, valid `ttlMs` from `now`. */
export function signTrackingToken(settings: LinkSettings, orderCode: string, now: number): string {
  return signToken<TrackingClaims>('track', settings.keys, { o: orderCode }, now + settings.trackingLinkTtlMs);
}

export function verifyTrackingToken(settings: LinkSettings, token: string, now: number): VerifyResult<TrackingClaims> {
  return verifyToken('track', settings.keys, token, now, isTrackingClaims);
}

/** What a storefront does to open "My Orders" for its signed-in customer (also used by tests and the demo). */
export function signCustomerToken(settings: LinkSettings, customerId: string, expiresAt: number): string {
  return signToken<CustomerClaims>('customer', settings.customerKeys, { u: customerId }, expiresAt);
}

export function verifyCustomerToken(settings: LinkSettings, token: string, now: number): VerifyResult<CustomerClaims> {
  return verifyToken('customer', settings.customerKeys, token, now, isCustomerClaims);
}

/** Signed tokens always have two dots; the legacy random `trackingToken` (base64url) has none. */
export const looksLikeLegacyToken = (token: string): boolean => /^[A-Za-z0-9_-]{16,64}$/.test(token);
