/**
 * Seeds demo orders through the public API (the same path a storefront uses), skipping ones that exist.
 * Each demo order follows a different carrier-simulator scenario, so the demo shows a delivery, a delay,
 * a failed attempt, a lost parcel and a return. Used by `npm run dev`.
 */
interface DemoOrder {
  orderCode: string;
  name: string;
  email: string;
  city: string;
  item: string;
  /** Simulator scenario; `register` lets the workflow create the shipment with the carrier itself. */
  scenario: 'happy_path' | 'exception_recovery' | 'failed_attempt' | 'lost_parcel' | 'return_to_sender' | 'register';
}

const DEMO_ORDERS: DemoOrder[] = [
  { orderCode: 'DEMO-1001', name: 'Ada Lovelace', email: 'ada@example.com', city: 'Portland', item: 'Espresso grinder', scenario: 'happy_path' },
  { orderCode: 'DEMO-1002', name: 'Grace Hopper', email: 'grace@example.com', city: 'Arlington', item: 'Mechanical keyboard', scenario: 'exception_recovery' },
  { orderCode: 'DEMO-1003', name: 'Alan Turing', email: 'alan@example.com', city: 'Austin', item: 'Reading lamp', scenario: 'failed_attempt' },
  { orderCode: 'DEMO-1004', name: 'Katherine Johnson', email: 'katherine@example.com', city: 'Hampton', item: 'Star atlas', scenario: 'lost_parcel' },
  { orderCode: 'DEMO-1005', name: 'Edsger Dijkstra', email: 'edsger@example.com', city: 'Eindhoven', item: 'Fountain pen', scenario: 'return_to_sender' },
  { orderCode: 'DEMO-1006', name: 'Barbara Liskov', email: 'barbara@example.com', city: 'Boston', item: 'Tea kettle', scenario: 'register' },
  // Ada's second order, so her "My Orders" page lists more than one.
  { orderCode: 'DEMO-1007', name: 'Ada Lovelace', email: 'ada@example.com', city: 'Portland', item: 'Milk frother', scenario: 'exception_recovery' },
];

/** The demo customer whose "My Orders" page `npm run dev` prints. */
export const DEMO_CUSTOMER_EMAIL = 'ada@example.com';

/** A demo order and its customer's tracking link (signed, fresh from the API). */
export interface SeededOrder {
  orderCode: string;
  scenario: string;
  trackingPageUrl: string;
  created: boolean;
}

export interface SeedOptions {
  apiUrl: string;
  storefrontApiKey: string;
  carrierSim: { url: string; apiKey: string };
}

async function simShipment(options: SeedOptions, scenario: string): Promise<string> {
  const res = await fetch(`${options.carrierSim.url}/control/shipments`, {
    method: 'POST',
    headers: { 'x-sim-api-key': options.carrierSim.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({ scenario }),
  });
  if (!res.ok) throw new Error(`carrier simulator refused a ${scenario} shipment: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { trackingNumber: string }).trackingNumber;
}

/** Places the demo orders not placed yet; answers every demo order with its tracking link. */
export async function seedDemo(options: SeedOptions): Promise<SeededOrder[]> {
  const headers = { authorization: `Bearer ${options.storefrontApiKey}`, 'content-type': 'application/json' };
  const orders: SeededOrder[] = [];
  for (const [index, demo] of DEMO_ORDERS.entries()) {
    const existing = await fetch(`${options.apiUrl}/api/v1/orders/${demo.orderCode}`, { headers });
    if (existing.status === 200) {
      const { trackingPageUrl } = (await existing.json()) as { trackingPageUrl: string };
      orders.push({ orderCode: demo.orderCode, scenario: demo.scenario, trackingPageUrl, created: false });
      continue;
    }
    const trackingNumber = demo.scenario === 'register' ? undefined : await simShipment(options, demo.scenario);
    const res = await fetch(`${options.apiUrl}/api/v1/orders`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': `seed-${demo.orderCode}` },
      body: JSON.stringify({
        orderCode: demo.orderCode,
        // A fictional 555-01xx number: the dev stack's Twilio simulator receives the SMS (see the dev inbox).
        customer: { email: demo.email, name: demo.name, phone: `+1503555${String(100 + index).padStart(4, '0')}` },
        items: [{ sku: `SKU-${1000 + index}`, name: demo.item, quantity: 1, unitPriceCents: 4999 }],
        shippingAddress: { name: demo.name, line1: `${100 + index} Main St`, city: demo.city, postalCode: '97201', country: 'US' },
        shipping: { carrier: 'simulator', serviceLevel: 'ground', ...(trackingNumber ? { trackingNumber } : {}) },
        notifications: { channels: ['email', 'sms'] },
      }),
    });
    if (!res.ok) throw new Error(`seeding ${demo.orderCode} failed: HTTP ${res.status} ${await res.text()}`);
    const { trackingPageUrl } = (await res.json()) as { trackingPageUrl: string };
    orders.push({ orderCode: demo.orderCode, scenario: demo.scenario, trackingPageUrl, created: true });
    console.log(`[seed] ${demo.orderCode} placed (${demo.scenario})`);
  }
  return orders;
}
