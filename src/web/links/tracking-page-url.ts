import type { WebConfig } from '../web-config.js';
import { signTrackingToken } from './tracking-links.js';

/**
 * An order's tracking-page link as the API hands it out (`trackingPageUrl` in order views, and e-mails):
 * `<publicBaseUrl>/t/<signed token>`, valid for the configured link lifetime from the moment it is made.
 */
export function trackingPageUrlSigner(
  config: Pick<WebConfig, 'publicBaseUrl' | 'linkKeys' | 'customerKeys' | 'trackingLinkTtlMs'>,
  now: () => number = Date.now,
): (orderCode: string) => string {
  const settings = { keys: config.linkKeys, customerKeys: config.customerKeys, trackingLinkTtlMs: config.trackingLinkTtlMs };
  return (orderCode) => `${config.publicBaseUrl}/t/${signTrackingToken(settings, orderCode, now())}`;
}
