import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyEvents,
  eventKey,
  initialShipmentState,
  progressRank,
  type ShipmentState,
  type ShipmentStatus,
  type TrackingEvent,
} from '../../../src/domain/index.js';
import { batchedStreamArb, batchesOf, streamArb } from './event-arbitraries.js';

const T0 = '2024-03-01T00:00:00.000Z';
const RUNS = { numRuns: 200 };

const nowOf = (i: number) => new Date(Date.parse('2024-03-05T00:00:00Z') + i * 3_600_000).toISOString();

function applyAll(batches: TrackingEvent[][]): ShipmentState[] {
  const states = [initialShipmentState(T0)];
  batches.forEach((batch, i) => {
    states.push(applyEvents(states[states.length - 1] as ShipmentState, batch, nowOf(i)).state);
  });
  return states;
}

const instant = (iso: string | null | undefined) => (iso == null ? iso : Date.parse(iso));

/** What must not depend on batching: instants instead of strings, keys instead of events. */
function outcome(s: ShipmentState) {
  const milestoneAt = Object.fromEntries(Object.entries(s.milestoneAt).map(([m, at]) => [m, instant(at)]));
  const { status, subStatus, milestone, progressRank, cancelled } = s;
  const times = { milestoneAt, delivered: instant(s.deliveredAt), last: instant(s.lastEventAt) };
  return { status, subStatus, milestone, progressRank, cancelled, keys: s.events.map(eventKey), ...times };
}

const SIDE: ShipmentStatus[] = ['exception', 'cancelled', 'returned_to_sender'];

describe('applyEvents properties', () => {
  it('(a) is idempotent: applying a batch twice equals applying it once', () => {
    fc.assert(
      fc.property(batchedStreamArb, (batches) => {
        let state = initialShipmentState(T0);
        batches.forEach((batch, i) => {
          const once = applyEvents(state, batch, nowOf(i));
          const twice = applyEvents(once.state, batch, nowOf(i + 1));
          expect(twice.state).toStrictEqual(once.state);
          expect(twice.accepted).toEqual([]);
          expect(twice.statusChanged).toBe(false);
          state = once.state;
        });
      }),
      RUNS,
    );
  });

  it('(b) does not depend on event order or batching', () => {
    const twoOrders = streamArb.chain((events) =>
      fc.tuple(batchesOf(events), fc.shuffledSubarray(events, { minLength: events.length }).chain(batchesOf)),
    );
    fc.assert(
      fc.property(twoOrders, ([first, second]) => {
        const a = applyAll(first).at(-1) as ShipmentState;
        const b = applyAll(second).at(-1) as ShipmentState;
        const oneShot = applyAll([first.flat()]).at(-1) as ShipmentState;
        expect(outcome(a)).toEqual(outcome(b));
        expect(outcome(a)).toEqual(outcome(oneShot));
      }),
      RUNS,
    );
  });

  it('(c) never lowers the progress rank of the displayed status, nor lastProgressAt', () => {
    fc.assert(
      fc.property(batchedStreamArb, (batches) => {
        const states = applyAll(batches);
        const ranks = states.filter((s) => !SIDE.includes(s.status)).map((s) => progressRank(s.status) as number);
        ranks.slice(1).forEach((rank, i) => expect(rank).toBeGreaterThanOrEqual(ranks[i] as number));
        const progress = states.map((s) => Date.parse(s.lastProgressAt as string));
        progress.slice(1).forEach((at, i) => expect(at).toBeGreaterThanOrEqual(progress[i] as number));
      }),
      RUNS,
    );
  });

  it('(d) keeps delivered unless a return is reported after a delivery', () => {
    fc.assert(
      fc.property(batchedStreamArb, (batches) => {
        const states = applyAll(batches);
        const firstDelivered = states.findIndex((s) => s.status === 'delivered');
        if (firstDelivered < 0) return;
        for (const s of states.slice(firstDelivered)) {
          if (s.status === 'delivered') continue;
          expect(s.status).toBe('returned_to_sender');
          const at = (status: ShipmentStatus) =>
            s.events.filter((e) => e.status === status).map((e) => Date.parse(e.occurredAt));
          expect(Math.max(...at('returned_to_sender'))).toBeGreaterThanOrEqual(Math.min(...at('delivered')));
        }
      }),
      RUNS,
    );
  });

  it('round-trips through JSON (workflow history, continue-as-new)', () => {
    fc.assert(
      fc.property(batchedStreamArb, (batches) => {
        const state = applyAll(batches).at(-1) as ShipmentState;
        expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state);
      }),
      { numRuns: 50 },
    );
  });
});
