/**
 * bench:tracking's live phase: viewers hold SSE streams of some orders' tracking pages (spread over the
 * orders and over the API processes), then each order's status changes through the projection write the
 * workflow's activity uses (read model + `order_updates`), and every viewer's receipt of that revision is
 * timed from the moment the write finished (the status is applied: what the page can show), and apart
 * from the moment it started (the write's own time included, which depends on the database's load).
 */
import type { DbConnection } from '../../src/db/connection.js';
import { createProjectionRepository } from '../../src/db/shipments/projection-repository.js';
import type { ShipmentStatus } from '../../src/domain/shipment-status.js';
import { milestoneForStatus } from '../../src/domain/milestones.js';
import { forEachLimited } from './orders.js';
import { progress } from './report.js';
import { openViewer, type Viewer } from './sse-viewers.js';
import type { SeededOrder } from './tracking-seed.js';

export interface LivePlan {
  /** Base URL of each API process; viewer i connects to apiUrls[floor(i / orders) % n]. */
  apiUrls: string[];
  orders: SeededOrder[];
  tokens: Map<string, string>;
  viewers: number;
  rounds: number;
  changesPerSecond: number;
  timeoutMs: number;
}

export interface LiveResult {
  viewers: number;
  orders: number;
  changes: number;
  /** Status applied (write done) → update received, one sample per viewer and change (ms). */
  latencies: number[];
  /** The same from the start of the write. */
  fromWriteStart: number[];
  /** How long each projection write took (ms). */
  writeMs: number[];
  /** Viewer × change pairs never received within the timeout. */
  missed: number;
  openMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Round r's status: the parcel goes out for delivery, an attempt fails, out again, … (never ending). */
const statusOfRound = (round: number): ShipmentStatus => (round % 2 === 1 ? 'out_for_delivery' : 'delivery_attempted');

export async function runLivePhase(mongo: DbConnection, plan: LivePlan): Promise<LiveResult> {
  const projections = createProjectionRepository(mongo);
  const t0 = performance.now();
  const viewers: Viewer[] = [];
  for (let i = 0; i < plan.viewers; i++) {
    const order = plan.orders[i % plan.orders.length]!;
    const api = plan.apiUrls[Math.floor(i / plan.orders.length) % plan.apiUrls.length]!;
    viewers.push(openViewer(`${api}/t/${plan.tokens.get(order.code)!}/events`, order.code, order.revision));
  }
  const opened = await Promise.allSettled(viewers.map((v) => v.ready));
  const failed = opened.filter((o) => o.status === 'rejected');
  if (failed.length > 0) throw new Error(`${failed.length} of ${plan.viewers} live streams did not open: ${(failed[0] as PromiseRejectedResult).reason}`);
  const openMs = performance.now() - t0;
  progress(t0, `${plan.viewers} live streams open on ${plan.orders.length} orders across ${plan.apiUrls.length} API processes`);

  const revisionOf = new Map(plan.orders.map((o) => [o.code, o.revision]));
  const appliedAt = new Map<string, number>();
  const writeStartedAt = new Map<string, number>();
  const writeMs: number[] = [];
  const key = (code: string, revision: number) => `${code}#${revision}`;
  for (let round = 1; round <= plan.rounds; round++) {
    const status = statusOfRound(round);
    const started = performance.now();
    await forEachLimited(plan.orders, 16, async (order, index) => {
      // Spread over time at the asked rate, as carrier events arrive, not in one burst.
      const due = started + (index * 1000) / plan.changesPerSecond;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const revision = order.revision + round;
      const at = new Date();
      const occurredAt = at.toISOString();
      const eventId = `${order.code}-live-${round}`;
      const writeStart = performance.now();
      writeStartedAt.set(key(order.code, revision), writeStart);
      await projections.apply(
        {
          orderCode: order.code,
          carrierId: order.carrierId,
          trackingNumber: order.trackingNumber,
          revision,
          status,
          milestone: milestoneForStatus(status) ?? 'out_for_delivery',
          milestoneAt: { out_for_delivery: occurredAt },
          lastEventAt: occurredAt,
          lastProgressAt: occurredAt,
          newEvents: [{ status, occurredAt, description: status === 'out_for_delivery' ? 'Out for delivery' : 'Delivery attempted', carrierCode: 'OD', carrierEventId: eventId, location: { city: 'Portland', country: 'US' } }],
          change: { from: round === 1 ? 'in_transit' : statusOfRound(round - 1), to: status, source: 'webhook', carrierEventIds: [eventId], receivedAt: occurredAt },
          eventSource: 'webhook',
        },
        at,
      );
      const written = performance.now();
      appliedAt.set(key(order.code, revision), written);
      writeMs.push(written - writeStart);
    });
    // Every viewer's copy of this round's revision, or the timeout.
    const deadline = performance.now() + plan.timeoutMs;
    const missing = () => viewers.filter((v) => !v.received.has(revisionOf.get(v.orderCode)! + round)).length;
    let left = missing();
    while (left > 0 && performance.now() < deadline) {
      await sleep(200);
      left = missing();
    }
    progress(t0, `round ${round}: ${plan.orders.length} orders → ${status}, written in ${((performance.now() - started) / 1000).toFixed(1)} s; ${plan.viewers - left} of ${plan.viewers} viewers have it`);
  }

  const latencies: number[] = [];
  const fromWriteStart: number[] = [];
  let missed = 0;
  for (const v of viewers) {
    for (let round = 1; round <= plan.rounds; round++) {
      const revision = revisionOf.get(v.orderCode)! + round;
      const got = v.received.get(revision);
      const sent = appliedAt.get(key(v.orderCode, revision));
      if (got === undefined || sent === undefined) missed += 1;
      else {
        latencies.push(got - sent);
        fromWriteStart.push(got - writeStartedAt.get(key(v.orderCode, revision))!);
      }
    }
    v.close();
  }
  return { viewers: plan.viewers, orders: plan.orders.length, changes: plan.orders.length * plan.rounds, latencies, fromWriteStart, writeMs, missed, openMs };
}
