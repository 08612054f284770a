/**
 * A labelled synthetic history of past deliveries for the dev dashboard: orders placed over the last
 * `days` days across the demo carriers, each with a promise made at purchase, a shipment (hand-off and,
 * for most, delivery: some late), a few exceptions and returns as status changes, notification log
 * entries (a few failed), feedback for some deliveries and, for each delivery, its ETA outcome (the promise,
 * likely date and range at purchase against the actual day) for the dashboard's ETA accuracy. Every order is coded `SYN-…` and carries
 * `synthetic: true`, and so does every other document, so it can be told apart. Deterministic: a seeded generator, so two seeds make the same history.
 */
import { connectMongo, type DbConnection } from '../../src/db/connection.js';
import { backfillReportRollups } from '../../src/db/report-rollups/backfill.js';
import { seededRandom } from '../../src/util/seeded-random.js';

/** The carriers the dev stack runs (their adapters all talk to the carrier simulator). */
export const DEMO_HISTORY_CARRIERS = [
  { id: 'ups', speed: 1, late: 0.08 },
  { id: 'fedex', speed: 0.9, late: 0.1 },
  { id: 'usps', speed: 1.4, late: 0.18 },
  { id: 'dhl', speed: 1.2, late: 0.12 },
  { id: 'simulator', speed: 1.1, late: 0.15 },
] as const;

const CITIES = [
  ['Portland', 'US'], ['Austin', 'US'], ['Boston', 'US'], ['Toronto', 'CA'], ['Berlin', 'DE'], ['Lyon', 'FR'], ['Leeds', 'GB'],
] as const;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BATCH = 500;
const COLLECTIONS = ['orders', 'shipments', 'status_changes', 'notifications', 'feedback', 'eta_outcomes'] as const;

type Docs = Record<(typeof COLLECTIONS)[number], object[]>;

const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** One synthetic order and everything that happened to it up to `end`. */
function oneOrder(i: number, end: number, days: number, random: () => number, out: Docs): void {
  const code = `SYN-${String(i + 1).padStart(5, '0')}`;
  const carrier = DEMO_HISTORY_CARRIERS[i % DEMO_HISTORY_CARRIERS.length]!;
  const [city, country] = CITIES[Math.floor(random() * CITIES.length)]!;
  const placedAt = end - random() * days * DAY;
  const shippedAt = placedAt + (3 + random() * 30) * HOUR;
  const transitHours = (30 + random() * 60) * carrier.speed;
  const promisedBy = placedAt + 5 * DAY * carrier.speed;
  const isLate = random() < carrier.late;
  const deliveredAt = isLate ? promisedBy + (6 + random() * 60) * HOUR : Math.min(shippedAt + transitHours * HOUR, promisedBy - HOUR);
  const roll = random();
  const returned = roll < 0.015;
  const exception = roll > 0.955;
  const delivered = !returned && deliveredAt <= end;
  const status = returned ? 'returned_to_sender' : delivered ? 'delivered' : shippedAt <= end ? 'in_transit' : 'in_preparation';
  const milestone = delivered ? 'delivered' : returned || shippedAt <= end ? 'shipped' : 'in_preparation';
  const at = (t: number) => new Date(Math.min(t, end));
  out.orders.push({
    code,
    synthetic: true,
    carrierId: carrier.id,
    trackingNumber: `SYN${carrier.id.toUpperCase()}${i}`,
    shippingAddress: { line1: '1 Synthetic Way', city, postalCode: '00000', country },
    items: [{ sku: 'SYN', name: 'Synthetic item', quantity: 1 }],
    placedAt: new Date(placedAt),
    // A past order has no workflow to start: marked started, so the API's start sweep (orders whose start
    // was never confirmed) leaves it alone instead of retrying a start it cannot make.
    workflowStartedAt: new Date(placedAt),
    createdAt: new Date(placedAt),
    updatedAt: at(delivered ? deliveredAt : shippedAt),
    status,
    milestone,
    revision: delivered ? 4 : 2,
    promisedDelivery: { date: isoDay(promisedBy), source: 'shop' },
    ...(delivered ? { deliveredAt: new Date(deliveredAt) } : {}),
  });
  const milestoneAt: Record<string, string> = {};
  if (shippedAt <= end) milestoneAt.shipped = new Date(shippedAt).toISOString();
  if (delivered) milestoneAt.delivered = new Date(deliveredAt).toISOString();
  out.shipments.push({ orderCode: code, synthetic: true, carrierId: carrier.id, status, milestone, milestoneAt, revision: delivered ? 4 : 2, ...(delivered ? { deliveredAt: new Date(deliveredAt) } : {}) });
  if ((exception || returned) && shippedAt + DAY <= end) {
    const to = returned ? 'returned_to_sender' : 'exception';
    out.status_changes.push({ orderCode: code, synthetic: true, revision: 3, from: 'in_transit', to, source: 'poll', carrierEventIds: [], receivedAt: at(shippedAt + DAY), recordedAt: at(shippedAt + DAY) });
  }
  const channels = i % 4 === 0 ? ['email', 'sms'] : i % 9 === 0 ? ['push'] : ['email'];
  for (const trigger of delivered ? ['shipped', 'delivered'] : shippedAt <= end ? ['shipped'] : []) {
    const requested = trigger === 'shipped' ? shippedAt : deliveredAt;
    for (const channel of channels) {
      const failed = random() < 0.02;
      out.notifications.push({
        key: `notify:${code}:${trigger}:${channel}`,
        synthetic: true,
        orderCode: code,
        trigger,
        channel,
        status: failed ? 'failed' : 'sent',
        requestedAt: at(requested),
        attempts: failed ? 3 : 1,
        ...(failed ? { error: 'synthetic failure' } : { sentAt: at(requested + 60_000), providerMessageId: `syn-${code}-${trigger}-${channel}` }),
      });
    }
  }
  if (delivered) {
    // The estimate at purchase: a likely day near the synthetic transit (off by up to a day or so), a range
    // around it and the shop's promise; the serving lane history and training skip these (synthetic).
    const likely = shippedAt + transitHours * HOUR + (random() - 0.5) * 2.5 * DAY;
    const atPurchase = { date: isoDay(likely), earliest: isoDay(likely - DAY), latest: isoDay(likely + 2 * DAY), promise: isoDay(promisedBy) };
    out.eta_outcomes.push({
      orderCode: code,
      synthetic: true,
      carrierId: carrier.id,
      lane: `US>${country}`,
      atPurchase,
      last: { ...atPurchase, date: isoDay(deliveredAt) },
      actualDate: isoDay(deliveredAt),
      source: 'model',
      modelVersion: 'synthetic-demo-history',
      placedAt: new Date(placedAt).toISOString(),
      handedOverAt: new Date(shippedAt).toISOString(),
      deliveredAt: new Date(deliveredAt).toISOString(),
      input: { purchasedAt: new Date(placedAt).toISOString(), customerTimeZone: 'UTC', originCountry: 'US', destinationCountry: country, carrier: carrier.id },
      recordedAt: new Date(deliveredAt),
    });
  }
  if (delivered && random() < 0.35) {
    const base = isLate ? 2.6 : 4.2;
    const rating = Math.max(1, Math.min(5, Math.round(base + (random() - 0.5) * 2.4)));
    out.feedback.push({ orderCode: code, synthetic: true, requestedAt: new Date(deliveredAt), deliveredAt: new Date(deliveredAt), rating, submittedAt: at(deliveredAt + 6 * HOUR) });
  }
}

/** How many synthetic orders the database holds already. */
export function demoHistoryCount(connection: DbConnection): Promise<number> {
  return connection.db!.collection('orders').countDocuments({ synthetic: true });
}

/** Seeds `orders` synthetic orders placed over the `days` days before `end`, printing progress. */
export async function seedDemoHistory(
  connection: DbConnection,
  options: { orders: number; days: number; end: number; log: (line: string) => void },
): Promise<{ orders: number; documents: number }> {
  const random = seededRandom(2026);
  let documents = 0;
  for (let start = 0; start < options.orders; start += BATCH) {
    const docs: Docs = { orders: [], shipments: [], status_changes: [], notifications: [], feedback: [], eta_outcomes: [] };
    for (let i = start; i < Math.min(start + BATCH, options.orders); i++) oneOrder(i, options.end, options.days, random, docs);
    for (const name of COLLECTIONS) {
      if (docs[name].length) await connection.db!.collection(name).insertMany(docs[name], { ordered: false });
      documents += docs[name].length;
    }
    options.log(`synthetic history: ${Math.min(start + BATCH, options.orders)} of ${options.orders} orders (${documents} documents)`);
  }
  // The report reads its rollup (src/db/report-rollups), which live projections feed; seeded documents bypass
  // them, so the rollup is rebuilt from the read model (safe to repeat: it adds only what is missing).
  await backfillReportRollups(connection, (line) => options.log(`report rollup: ${line}`));
  return { orders: options.orders, documents };
}

/** For `npm run dev`: seeds 3,000 synthetic orders over 90 days on first start; a line saying what it did. */
export async function ensureDemoHistory(mongoUri: string, log: (line: string) => void): Promise<string> {
  const connection = await connectMongo(mongoUri);
  try {
    const existing = await demoHistoryCount(connection);
    if (existing > 0) return `${existing} synthetic past orders (SYN-…, labelled on the dashboard)`;
    const seeded = await seedDemoHistory(connection, { orders: 3000, days: 90, end: Date.now(), log });
    return `${seeded.orders} synthetic past orders seeded (SYN-…, labelled on the dashboard)`;
  } finally {
    await connection.close();
  }
}
