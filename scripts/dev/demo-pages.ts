import { webEnvShape } from '../../src/config/web-env.js';
import { signCustomerToken } from '../../src/web/links/tracking-links.js';
import type { SeededOrder } from '../seed-demo.js';

const MY_ORDERS_TTL_MS = 30 * 86_400_000;

/**
 * What `npm run dev` prints about the customer pages: each demo order's tracking link (open one and watch
 * it move as the simulated carrier scans it) and the demo customer's "My Orders", signed the way a
 * storefront signs it.
 */
export function demoPagesText(orders: SeededOrder[], apiUrl: string, storefrontLinkKeys: string, customerEmail: string): string {
  const customerKeys = webEnvShape.STOREFRONT_LINK_KEYS.parse(storefrontLinkKeys);
  // Only the customer keys take part in a customer token.
  const token = signCustomerToken({ keys: customerKeys, customerKeys, trackingLinkTtlMs: MY_ORDERS_TTL_MS }, customerEmail, Date.now() + MY_ORDERS_TTL_MS);
  const rows = orders.map((o) => `    ${o.orderCode.padEnd(10)} ${o.scenario.padEnd(18)} ${o.trackingPageUrl}`);
  return [
    '  Tracking pages  (live: they update by themselves as the parcel moves; links valid 30 days)',
    ...rows,
    `  My Orders       ${apiUrl}/my-orders?token=${token}   (${customerEmail})`,
  ].join('\n');
}
