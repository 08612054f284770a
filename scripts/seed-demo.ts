/**
 * Seeds demo orders through the public API (the same path a storefront uses), skipping ones that exist.
 * Used by `npm run dev`; also runnable alone: `tsx scripts/seed-demo.ts <apiUrl> <storefrontKey>`.
 */
import { simulatorTrackingNumber } from '../src/carriers/tracking-number/index.js';

interface DemoOrder {
  orderCode: string;
  name: string;
  email: string;
  city: string;
  item: string;
}

const DEMO_ORDERS: DemoOrder[] = [
  { orderCode: 'DEMO-1001', name: 'Ada Lovelace', email: 'ada@example.com', city: 'Portland', item: 'Espresso grinder' },
  { orderCode: 'DEMO-1002', name: 'Grace Hopper', email: 'grace@example.com', city: 'Arlington', item: 'Mechanical keyboard' },
  { orderCode: 'DEMO-1003', name: 'Alan Turing', email: 'alan@example.com', city: 'Austin', item: 'Reading lamp' },
];

export async function seedDemo(options: { apiUrl: string; storefrontApiKey: string }): Promise<{ orderCode: string }[]> {
  const headers = { authorization: `Bearer ${options.storefrontApiKey}`, 'content-type': 'application/json' };
  const created: { orderCode: string }[] = [];
  for (const [index, demo] of DEMO_ORDERS.entries()) {
    const existing = await fetch(`${options.apiUrl}/api/v1/orders/${demo.orderCode}`, { headers });
    if (existing.status === 200) continue;
    const res = await fetch(`${options.apiUrl}/api/v1/orders`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': `seed-${demo.orderCode}` },
      body: JSON.stringify({
        orderCode: demo.orderCode,
        customer: { email: demo.email, name: demo.name },
        items: [{ sku: `SKU-${1000 + index}`, name: demo.item, quantity: 1, unitPriceCents: 4999 }],
        shippingAddress: { name: demo.name, line1: `${100 + index} Main St`, city: demo.city, postalCode: '97201', country: 'US' },
        shipping: { carrier: 'simulator', trackingNumber: simulatorTrackingNumber(1000 + index), serviceLevel: 'ground' },
        notifications: { channels: ['email'] },
      }),
    });
    if (!res.ok) throw new Error(`seeding ${demo.orderCode} failed: HTTP ${res.status} ${await res.text()}`);
    created.push({ orderCode: demo.orderCode });
    console.log(`[seed] ${demo.orderCode} placed`);
  }
  return created;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [apiUrl, key] = process.argv.slice(2);
  if (!apiUrl || !key) {
    console.error('usage: tsx scripts/seed-demo.ts <apiUrl> <storefrontKey>');
    process.exit(2);
  }
  seedDemo({ apiUrl, storefrontApiKey: key }).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
