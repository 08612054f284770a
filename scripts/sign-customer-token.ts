/**
 * Prints a "My Orders" link for a customer, signed as a storefront signs it (for shops whose storefront
 * cannot sign itself yet, and to try the page):
 *   STOREFRONT_LINK_KEYS=shop1:<secret> npm run sign:customer-token -- ada@example.com [hours]
 */
import { loadConfig } from '../src/config/load-config.js';
import { webEnvShape } from '../src/config/web-env.js';
import { signCustomerToken } from '../src/web/links/tracking-links.js';

const [email, hoursText = '24'] = process.argv.slice(2);
const hours = Number(hoursText);
if (!email || !email.includes('@') || !(hours > 0)) {
  console.error('usage: npm run sign:customer-token -- <customer e-mail> [valid hours, default 24]');
  process.exit(2);
}
const config = loadConfig(process.env);
const keys = webEnvShape.STOREFRONT_LINK_KEYS.parse(process.env.STOREFRONT_LINK_KEYS ?? '');
if (keys.length === 0) {
  console.error('STOREFRONT_LINK_KEYS is not set (kid:secret, the secret shared with the storefront)');
  process.exit(2);
}
const token = signCustomerToken({ keys, customerKeys: keys, trackingLinkTtlMs: 0 }, email.toLowerCase(), Date.now() + hours * 3_600_000);
console.log(`${config.http.publicBaseUrl}/my-orders?token=${token}`);
