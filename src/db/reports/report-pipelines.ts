/**
 * The aggregation pipelines behind the delivery-performance report. Each is an indexed `$match` and a
 * `$project` of the few fields needed; the arithmetic (durations, medians, on-time) happens in the pure
 * fold (src/services/reports/fold-report.ts). Why not `$group` with `$subtract`/`$cond`/`$avg` on the
 * server: the embedded server this project ships and tests on, FerretDB 1.24, answers "not implemented
 * yet" to every expression operator and to `$avg`, `$push`, `$lookup` and `$facet`, so such pipelines
 * would run on mongod only. These run on both, and mongod uses the same indexes for them.
 *
 * Cohort: orders placed in [from, to) (optionally one carrier). Shipments, notifications, feedback and
 * status changes of those orders all happen after `from`, so each source is read from `from` on through
 * an index that starts with its own time field (or an equality, which FerretDB can push down), and the
 * fold keeps the rows whose order is in the cohort.
 */
export interface ReportPeriod {
  from: Date;
  to: Date;
  carrierId?: string;
}

export type ReportCollection = 'orders' | 'shipments' | 'status_changes' | 'notifications' | 'feedback';

export interface NamedPipeline {
  /** Stable name for benchmarks and the explain test. */
  name: string;
  collection: ReportCollection;
  pipeline: object[];
}

/**
 * The indexes the pipelines rely on. The collections' schemas declare them too (autoIndex builds them on a
 * fresh database); this list lets the report build exactly these on an existing one, without the
 * schemas' other indexes (some use options FerretDB refuses, such as partial filters).
 */
export const REPORT_INDEXES: { collection: ReportCollection; keys: Record<string, 1> }[] = [
  { collection: 'orders', keys: { placedAt: 1 } },
  { collection: 'orders', keys: { carrierId: 1, placedAt: 1 } },
  { collection: 'shipments', keys: { deliveredAt: 1 } },
  { collection: 'shipments', keys: { carrierId: 1, deliveredAt: 1 } },
  { collection: 'status_changes', keys: { to: 1, recordedAt: 1 } },
  { collection: 'notifications', keys: { requestedAt: 1 } },
  { collection: 'feedback', keys: { requestedAt: 1 } },
];

export function reportPipelines(period: ReportPeriod): NamedPipeline[] {
  const carrier = period.carrierId ? { carrierId: period.carrierId } : {};
  const since = { $gte: period.from };
  return [
    {
      name: 'orders placed in period',
      collection: 'orders',
      pipeline: [
        // Equality first, range second: the order of the {carrierId, placedAt} index.
        { $match: { ...carrier, placedAt: { $gte: period.from, $lt: period.to } } },
        {
          $project: {
            _id: 0,
            code: 1,
            carrierId: 1,
            'shippingAddress.country': 1,
            placedAt: 1,
            status: 1,
            deliveredAt: 1,
            promisedDelivery: 1,
            estimatedDelivery: 1,
          },
        },
      ],
    },
    {
      name: 'shipments delivered since period start',
      collection: 'shipments',
      pipeline: [{ $match: { ...carrier, deliveredAt: since } }, { $project: { _id: 0, orderCode: 1, 'milestoneAt.shipped': 1, deliveredAt: 1 } }],
    },
    // One pipeline per status (not `$in`): an equality is what FerretDB pushes down to its index.
    ...(['exception', 'returned_to_sender'] as const).map((to) => ({
      name: `status changes to ${to} since period start`,
      collection: 'status_changes' as const,
      pipeline: [{ $match: { to, recordedAt: since } }, { $project: { _id: 0, orderCode: 1, to: 1 } }],
    })),
    {
      name: 'notifications requested since period start',
      collection: 'notifications',
      pipeline: [{ $match: { requestedAt: since } }, { $project: { _id: 0, orderCode: 1, channel: 1, status: 1 } }],
    },
    {
      name: 'feedback requested since period start',
      collection: 'feedback',
      pipeline: [{ $match: { requestedAt: since } }, { $project: { _id: 0, orderCode: 1, rating: 1 } }],
    },
  ];
}
