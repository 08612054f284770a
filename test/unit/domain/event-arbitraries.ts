import fc from 'fast-check';
import { eventKey, SUB_STATUSES, type ShipmentStatus, type TrackingEvent } from '../../../src/domain/index.js';

/** Random carrier streams for the reducer's property tests. */
const BASE_MS = Date.parse('2024-03-01T08:00:00Z');
const OFFSETS = ['Z', '+02:00', '-05:00', '+05:30'] as const;
type Offset = (typeof OFFSETS)[number];

/** Render an instant in a given offset, the way a carrier in that zone would. */
export function render(ms: number, offset: Offset): string {
  if (offset === 'Z') return new Date(ms).toISOString();
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4)));
  return new Date(ms + minutes * 60_000).toISOString().replace('Z', offset);
}

// Progress statuses dominate, as they do in real streams; cancellations are rare but present.
const statusArb: fc.Arbitrary<ShipmentStatus> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('label_created', 'picked_up', 'in_transit', 'out_for_delivery') },
  { weight: 4, arbitrary: fc.constantFrom('delivery_attempted', 'available_for_pickup', 'exception', 'unknown') },
  { weight: 3, arbitrary: fc.constantFrom('delivered', 'returned_to_sender', 'order_received', 'in_preparation') },
  { weight: 1, arbitrary: fc.constant('cancelled' as const) },
);

// Few minutes and few ids, so that ties and key collisions are common.
const eventArb: fc.Arbitrary<TrackingEvent> = fc
  .record({
    status: statusArb,
    minute: fc.integer({ min: 0, max: 40 }),
    city: fc.option(fc.constantFrom('Memphis', 'Louisville'), { nil: undefined }),
    id: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined, freq: 3 }),
    subStatus: fc.option(fc.constantFrom(...SUB_STATUSES), { nil: undefined, freq: 2 }),
    offset: fc.constantFrom(...OFFSETS),
  })
  .map(({ status, minute, city, id, subStatus, offset }) => ({
    status,
    occurredAt: render(BASE_MS + minute * 60_000, offset),
    description: `${status} ${minute}`,
    ...(city === undefined ? {} : { location: { city } }),
    ...(id === undefined ? {} : { carrierEventId: `c${id}` }),
    ...(subStatus === undefined ? {} : { subStatus }),
  }));

/** Distinct events (by key) plus re-sent copies, some rendered with another offset, shuffled. */
export const streamArb = fc.uniqueArray(eventArb, { selector: eventKey, maxLength: 30 }).chain((pool) => {
  const copies =
    pool.length === 0
      ? fc.constant([])
      : fc.array(fc.tuple(fc.nat(pool.length - 1), fc.constantFrom(...OFFSETS)), { maxLength: 12 }).map((picks) =>
          picks.map(([i, offset]) => {
            const e = pool[i] as TrackingEvent;
            return { ...e, occurredAt: render(Date.parse(e.occurredAt), offset) };
          }),
        );
  return copies.chain((dups) => fc.shuffledSubarray([...pool, ...dups], { minLength: pool.length + dups.length }));
});

/** Cut a stream into consecutive batches at random points. */
export const batchesOf = (events: TrackingEvent[]) =>
  fc.uniqueArray(fc.nat(events.length), { maxLength: 6 }).map((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), events.length];
    return points.slice(1).map((end, i) => events.slice(points[i], end));
  });

export const batchedStreamArb = streamArb.chain((events) => batchesOf(events));
